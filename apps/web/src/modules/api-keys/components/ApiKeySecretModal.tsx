import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a new key's secret once, with a copy button; it cannot be fetched again. */
export function ApiKeySecretModal({ secret, onClose }: { secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('apiKeys.secret.title')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="api-key-secret-done">
          {t('apiKeys.secret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('apiKeys.secret.warning')} style={{ marginBottom: 16 }} />
      <Typography.Text type="secondary">{t('apiKeys.secret.label')}</Typography.Text>
      <Typography.Paragraph
        copyable={{ text: secret, tooltips: [t('common.copy'), t('common.copied')] }}
        code
        style={{ wordBreak: 'break-all', fontSize: 14, marginTop: 4 }}
        data-testid="api-key-secret"
      >
        {secret}
      </Typography.Paragraph>
      <Typography.Link href="/api/docs" target="_blank" rel="noopener noreferrer" style={{ fontSize: 12 }}>
        {t('apiKeys.secret.usage')}
      </Typography.Link>
    </Modal>
  );
}
