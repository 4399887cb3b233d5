import { Alert, Button, Card, Empty, Flex, Progress, Table, Tabs, Tag, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Portrait, PortraitDimension } from '@stratum/contracts';
import { useCustomerLabels } from '../../customers/hooks/useCustomerLabels.ts';
import { formatRate } from '../lib/board.ts';

type Value = Portrait['dimensions'][number]['values'][number];

/** The customer list filtered by a rule, as the list reads it from its URL. */
export const customersFilteredBy = (rule: unknown) =>
  `/customers?filter=${encodeURIComponent(JSON.stringify(rule))}`;

/** 赢单客户画像: the 靶心客户 profile (one click to the customers like it) and each trait's lift. */
export function PortraitSection({ portrait, locale }: { portrait: Portrait; locale: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const labels = useCustomerLabels();
  const label = (key: PortraitDimension | string, v: { value: string | null; label: string | null }) => {
    if (v.value === null) return t('pipeline.portrait.unknown');
    if (key === 'size_band' || key === 'source') return labels.option(key, v.value);
    return v.label ?? v.value;
  };
  const lift = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  const b = portrait.bullseye;

  if (portrait.customers === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.portrait.empty')} />;

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        {t('pipeline.portrait.summary', { customers: portrait.customers, won: portrait.wonCustomers })}
      </Typography.Text>
      {b ? (
        <Card size="small" className="pipeline-bullseye" data-testid="pipeline-bullseye">
          <Flex justify="space-between" align="center" gap={16} wrap>
            <Flex vertical gap={8}>
              <Typography.Text strong>
                <AimOutlined style={{ color: '#fa541c' }} /> {t('pipeline.portrait.bullseye')}
              </Typography.Text>
              <Typography.Text type="secondary">{t('pipeline.portrait.bullseyeHint')}</Typography.Text>
              <Flex gap={8} wrap>
                {b.conditions.map((c) => (
                  <Tag key={c.field} color="volcano" data-testid="pipeline-bullseye-condition">
                    {t(`pipeline.portrait.dims.${c.field as PortraitDimension}`)}：{label(c.field, c)} ·{' '}
                    {t('pipeline.portrait.lift', { lift: c.lift.toFixed(2) })}
                  </Tag>
                ))}
              </Flex>
              <Typography.Text>
                {t('pipeline.portrait.bullseyeStats', {
                  customers: b.customers,
                  won: b.wonCustomers,
                  rate: formatRate(b.winRate, locale),
                  lift: b.lift.toFixed(2),
                })}
              </Typography.Text>
            </Flex>
            <Flex vertical align="flex-end" gap={4}>
              <Button
                type="primary"
                icon={<AimOutlined />}
                onClick={() => void navigate(customersFilteredBy(b.rule))}
                data-testid="pipeline-bullseye-customers"
              >
                {t('pipeline.portrait.toCustomers')}
              </Button>
              <Typography.Text type="secondary" className="pipeline-small">
                {t('pipeline.portrait.toCustomersHint')}
              </Typography.Text>
            </Flex>
          </Flex>
        </Card>
      ) : (
        <Alert type="info" showIcon message={t('pipeline.portrait.bullseyeNone')} />
      )}
      <Tabs
        items={portrait.dimensions.map((d) => ({
          key: d.key,
          label: t(`pipeline.portrait.dims.${d.key}`),
          children: (
            <Table<Value>
              size="small"
              rowKey={(v) => v.value ?? '∅'}
              dataSource={d.values}
              pagination={d.values.length > 10 ? { pageSize: 10, hideOnSinglePage: true } : false}
              locale={{ emptyText: t('pipeline.portrait.empty') }}
              columns={[
                { key: 'value', title: t('pipeline.portrait.col.value'), render: (_, v) => label(d.key, v) },
                {
                  key: 'customers',
                  title: t('pipeline.portrait.col.customers'),
                  dataIndex: 'customers',
                  align: 'right',
                },
                {
                  key: 'won',
                  title: t('pipeline.portrait.col.won'),
                  dataIndex: 'wonCustomers',
                  align: 'right',
                },
                {
                  key: 'winRate',
                  title: t('pipeline.portrait.col.winRate'),
                  align: 'right',
                  render: (_, v) => formatRate(v.winRate, locale),
                },
                {
                  key: 'lift',
                  title: t('pipeline.portrait.col.lift'),
                  width: 220,
                  render: (_, v) => (
                    <Flex align="center" gap={8}>
                      <Progress
                        percent={Math.min(100, ((v.lift ?? 0) / 2) * 100)}
                        showInfo={false}
                        size="small"
                        strokeColor={(v.lift ?? 0) > 1 ? '#fa541c' : '#bfbfbf'}
                        style={{ flex: 1, margin: 0 }}
                      />
                      <span style={{ width: 40, textAlign: 'right' }}>{lift(v.lift)}</span>
                    </Flex>
                  ),
                },
              ]}
            />
          ),
        }))}
      />
    </Flex>
  );
}
