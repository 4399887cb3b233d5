import { App, Form, Input, Modal, Typography } from 'antd';
import type { Segment } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import type { ClusterSummary, ClustersResult } from '../api-clusters.ts';
import { useSaveCluster } from '../hooks/useClusters.ts';
import { useWords } from './ClustersCharts.tsx';

interface Props {
  data: ClustersResult;
  /** The cluster being saved; the modal is open while it is set. */
  cluster: ClusterSummary | null;
  onClose: () => void;
  onSaved: (cluster: ClusterSummary, segment: Segment) => void;
}

interface Values {
  name: string;
  description?: string;
}

/**
 * Saves one cluster as a static segment under a name. The server clusters again with the run's
 * parameters (k fixed to the one found) and refuses when the cluster's size changed since.
 */
export function ClustersSaveModal({ data, cluster, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const handleError = useApiErrorHandler();
  const words = useWords();
  const save = useSaveCluster();
  const [form] = Form.useForm<Values>();

  // The form mounts afresh each time the modal opens (destroyOnHidden), so its initial values suffice.
  const initialValues: Values | undefined = cluster
    ? {
        name: t('analytics.clusters.save.defaultName', {
          words: words(cluster.description),
          day: data.asOf,
        }).slice(0, 80),
      }
    : undefined;

  const submit = (values: Values) => {
    if (!cluster) return;
    const description = values.description?.trim();
    save.mutate(
      {
        ...data.params,
        k: data.params.k ?? undefined,
        cluster: cluster.index,
        name: values.name.trim(),
        ...(description ? { description } : {}),
        expectedSize: cluster.size,
      },
      {
        onSuccess: (segment) => {
          void message.success({
            content: (
              <span>
                {t('analytics.clusters.save.done', { name: segment.name, n: segment.count })}{' '}
                {/* Messages render outside the router: navigate by hand. */}
                <a
                  onClick={() => void navigate(`/segmentation/segments/${segment.id}`)}
                  data-testid="clusters-saved-view"
                >
                  {t('analytics.clusters.save.view')}
                </a>
              </span>
            ),
            duration: 6,
          });
          onSaved(cluster, segment);
          onClose();
        },
        onError: (err) => handleError(err, { form }),
      },
    );
  };

  return (
    <Modal
      open={cluster !== null}
      title={cluster ? t('analytics.clusters.save.title', { n: cluster.index + 1 }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'clusters-save-ok' }}
    >
      {cluster && (
        <Typography.Paragraph type="secondary">
          {t('analytics.clusters.save.intro', { words: words(cluster.description), size: cluster.size })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={initialValues}>
        <Form.Item
          name="name"
          label={t('analytics.clusters.save.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 80, message: t('validation.maxLength', { max: 80 }) },
          ]}
        >
          <Input data-testid="clusters-save-name" maxLength={80} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('analytics.clusters.save.description')}
          rules={[{ max: 1000, message: t('validation.maxLength', { max: 1000 }) }]}
        >
          <Input.TextArea rows={2} placeholder={t('analytics.clusters.save.descriptionPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
