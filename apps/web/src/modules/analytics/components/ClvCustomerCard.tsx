import { Card, Col, Flex, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { RiseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatMoney } from '../../../app/format.ts';
import { useCustomerClv } from '../hooks/useClv.ts';

/** The customer 360 page's lifetime-value figures: CLV, P(alive) and expected purchases. */
export function ClvCustomerCard({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const query = useCustomerClv(customerId);
  const data = query.data;
  const number = (v: number, digits: number) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(v);
  return (
    <Card
      size="small"
      className="customer-clv-card"
      style={{ marginBottom: 16 }}
      data-testid="customer-clv"
      title={
        <Flex align="center" gap={8}>
          <RiseOutlined />
          {t('clv.customer.title')}
        </Flex>
      }
      extra={
        <Flex gap={12} align="center">
          {data?.asOf && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('clv.customer.asOf', { day: data.asOf })}
            </Typography.Text>
          )}
          <Link to="/analytics/clv">{t('clv.customer.more')}</Link>
        </Flex>
      }
    >
      <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      {query.isPending && !query.error ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : data && data.pAlive !== null ? (
        <Row gutter={[16, 8]}>
          <Col xs={24} sm={8}>
            <Statistic
              title={t('clv.customer.clv')}
              value={data.clv === null ? '—' : formatMoney(data.clv)}
              data-testid="customer-clv-value"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('clv.customer.clvHint', { weeks: data.clvHorizonWeeks })}
            </Typography.Text>
          </Col>
          <Col xs={24} sm={8}>
            <Statistic
              title={t('clv.customer.pAlive')}
              value={new Intl.NumberFormat(i18n.language, {
                style: 'percent',
                maximumFractionDigits: 1,
              }).format(data.pAlive)}
              data-testid="customer-clv-palive"
            />
            <Progress
              percent={Math.round(data.pAlive * 100)}
              showInfo={false}
              size="small"
              status={data.pAlive < 0.3 ? 'exception' : 'normal'}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('clv.customer.pAliveHint')}
            </Typography.Text>
          </Col>
          <Col xs={24} sm={8}>
            <Statistic
              title={t('clv.customer.expected')}
              value={data.expectedPurchases === null ? '—' : number(data.expectedPurchases, 2)}
              data-testid="customer-clv-expected"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('clv.customer.expectedHint', { weeks: data.expectedPurchasesWeeks })}
            </Typography.Text>
          </Col>
        </Row>
      ) : data ? (
        <Typography.Text type="secondary" data-testid="customer-clv-none">
          {t('clv.customer.none')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
