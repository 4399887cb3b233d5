import { App, Button, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { usePermissions } from '../../auth/session.ts';
import { pipelineApi } from '../api.ts';
import { useInvalidatePipeline } from '../hooks/usePipeline.ts';

/** The standard pipeline, in the UI language: four open stages, won and lost, five loss reasons. */
export function useTemplatePipeline() {
  const { t } = useTranslation();
  return () => ({
    name: t('pipeline.template.name'),
    stages: [
      { name: t('pipeline.template.stages.s1'), kind: 'open' as const, probability: 10 },
      { name: t('pipeline.template.stages.s2'), kind: 'open' as const, probability: 25 },
      { name: t('pipeline.template.stages.s3'), kind: 'open' as const, probability: 50 },
      { name: t('pipeline.template.stages.s4'), kind: 'open' as const, probability: 75 },
      { name: t('pipeline.template.stages.won'), kind: 'won' as const, probability: 100 },
      { name: t('pipeline.template.stages.lost'), kind: 'lost' as const, probability: 0 },
    ],
    lossReasons: (['price', 'competitor', 'budget', 'needs', 'contact'] as const).map((k) => ({
      name: t(`pipeline.template.reasons.${k}`),
    })),
  });
}

/** No pipeline yet: admins create the standard one in a click; others are told whom to ask. */
export function PipelineEmpty() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const template = useTemplatePipeline();
  const handleError = useApiErrorHandler();
  const invalidate = useInvalidatePipeline();
  return (
    <Empty
      style={{ padding: '48px 0' }}
      description={
        <>
          <Typography.Title level={5}>{t('pipeline.empty.noPipeline')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('pipeline.empty.noPipelineHint')}</Typography.Paragraph>
          {!can('pipeline.manage') && <Typography.Text>{t('pipeline.empty.askAdmin')}</Typography.Text>}
        </>
      }
    >
      {can('pipeline.manage') && (
        <Button
          type="primary"
          data-testid="pipeline-use-template"
          onClick={async () => {
            try {
              await pipelineApi.createPipeline(template());
              void message.success(t('pipeline.settings.created'));
              invalidate();
            } catch (err) {
              handleError(err);
            }
          }}
        >
          {t('pipeline.empty.useTemplate')}
        </Button>
      )}
    </Empty>
  );
}
