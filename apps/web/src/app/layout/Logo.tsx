import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Three stacked bars (the tiers) and the product name. */
export function Logo({ size = 28, collapsed = false }: { size?: number; collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={10}>
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="#1f6feb" />
        <rect x="7" y="8" width="18" height="4" rx="2" fill="#fff" />
        <rect x="7" y="14" width="14" height="4" rx="2" fill="#fff" opacity=".85" />
        <rect x="7" y="20" width="10" height="4" rx="2" fill="#fff" opacity=".7" />
      </svg>
      {!collapsed && (
        <Typography.Text strong style={{ fontSize: size * 0.6, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </Flex>
  );
}
