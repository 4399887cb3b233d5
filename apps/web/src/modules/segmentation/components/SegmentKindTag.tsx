import { Tag } from 'antd';
import type { Segment } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';

/** 动态 (a rule, kept current) or 静态 (a fixed list). */
export function SegmentKindTag({ kind }: { kind: Segment['kind'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={kind === 'dynamic' ? 'geekblue' : 'purple'} bordered={false}>
      {t(`segmentation.segments.kinds.${kind}`)}
    </Tag>
  );
}
