import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';

interface Props {
  title: string;
  subtitle?: ReactNode;
  /** Buttons on the right. */
  extra?: ReactNode;
  /** Browser tab title; defaults to `<title> - <app title>`. */
  documentTitle?: string;
}

/** The title row of a page (`data-testid="page-title"`); also sets the browser tab title. */
export function PageHeader({ title, subtitle, extra, documentTitle }: Props) {
  useDocumentTitle(title, documentTitle);

  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap className="page-header">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {subtitle}
          </Typography.Paragraph>
        )}
      </div>
      {extra && <Flex gap={8}>{extra}</Flex>}
    </Flex>
  );
}
