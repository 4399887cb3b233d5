import { useState } from 'react';
import { App, Button, Flex, Segmented, Space, Spin, Typography, Upload } from 'antd';
import { FileExcelOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { currentLocale } from '../../../app/i18n/index.ts';
import { IMPORT_KINDS, importsApi } from '../api.ts';
import type { ImportKind, ImportUpload } from '../api.ts';
import { hasAllowedExtension } from '../lib/mapping.ts';
import { RecentImports } from './RecentImports.tsx';

interface Props {
  kind: ImportKind;
  onKind: (kind: ImportKind) => void;
  onUploaded: (upload: ImportUpload) => void;
}

/** Step 1: what to import, a template to start from, and the file (picked or dropped). */
export function UploadStep({ kind, onKind, onUploaded }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [uploading, setUploading] = useState<string | null>(null);

  const send = async (file: File) => {
    if (!hasAllowedExtension(file.name)) {
      void message.error(t('imports.upload.badType'));
      return;
    }
    setUploading(file.name);
    try {
      onUploaded(await importsApi.upload(file));
    } catch (err) {
      handleError(err);
    } finally {
      setUploading(null);
    }
  };
  const template = async (format: 'xlsx' | 'csv') => {
    try {
      await importsApi.template(kind, currentLocale(), format);
    } catch (err) {
      handleError(err);
    }
  };

  return (
    <Flex vertical gap={20}>
      <Flex align="center" gap={12} wrap>
        <Typography.Text strong>{t('imports.upload.kind')}</Typography.Text>
        <Segmented
          value={kind}
          onChange={(v) => onKind(v as ImportKind)}
          options={IMPORT_KINDS.map((k) => ({
            value: k,
            label: <span data-testid={`import-kind-${k}`}>{t(`imports.kinds.${k}`)}</span>,
          }))}
        />
      </Flex>
      <Spin
        spinning={uploading !== null}
        tip={uploading ? t('imports.upload.uploading', { name: uploading }) : undefined}
      >
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={uploading !== null}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
          data-testid="import-dropzone"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.upload.drop')}</p>
          <p className="ant-upload-hint">{t('imports.upload.hint')}</p>
        </Upload.Dragger>
      </Spin>
      <div>
        <Space wrap>
          <Typography.Text>{t('imports.upload.templates')}</Typography.Text>
          <Button
            icon={<FileExcelOutlined />}
            onClick={() => void template('xlsx')}
            data-testid="template-xlsx"
          >
            {t('imports.upload.templateXlsx')}
          </Button>
          <Button icon={<FileTextOutlined />} onClick={() => void template('csv')} data-testid="template-csv">
            {t('imports.upload.templateCsv')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
          {t('imports.upload.templateHint')}
        </Typography.Paragraph>
      </div>
      <RecentImports />
    </Flex>
  );
}
