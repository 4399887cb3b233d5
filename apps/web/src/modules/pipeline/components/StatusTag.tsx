import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StageKind } from '@stratum/contracts';

export const STATUS_COLORS: Record<StageKind, string> = { open: 'blue', won: 'green', lost: 'default' };

/** 进行中 / 赢单 / 输单. */
export function StatusTag({ status }: { status: StageKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="opportunity-status">
      {t(`pipeline.status.${status}`)}
    </Tag>
  );
}
