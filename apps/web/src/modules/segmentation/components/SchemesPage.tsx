import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Skeleton,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  InfoCircleOutlined,
  PlusOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import type { Scheme, Tier } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../app/api/errors.ts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { useApiErrorHandler, useErrorText } from '../../../app/hooks/useApiError.ts';
import { usePermissions } from '../../auth/session.ts';
import { isFinished } from '../../../app/api/jobs.ts';
import type { RecomputeJob } from '../api-schemes.ts';
import { useRuleWords } from '../hooks/useRuleWords.ts';
import {
  useDeleteScheme,
  useInvalidatePlacement,
  useRecompute,
  useRecomputeJob,
  useSchemes,
  useUpdateScheme,
} from '../hooks/useSchemes.ts';
import { formatNumber, formatShare } from '../lib/rfm.ts';
import { localName, localStrategy, schemeTotal } from '../lib/schemes.ts';
import { SchemeEditor } from './SchemeEditor.tsx';
import { TierBadge } from './TierBadge.tsx';
import '../segmentation.css';

type RecomputeResult = NonNullable<RecomputeJob['result']>;

/** High (1) / low (0) of R, F and M for each RFM class (the method in issue #5). */
const RFM_PATTERN: Record<string, [number, number, number]> = {
  important_value: [1, 1, 1],
  important_retain: [0, 1, 1],
  important_develop: [1, 0, 1],
  important_winback: [0, 0, 1],
  general_value: [1, 1, 0],
  general_retain: [0, 1, 0],
  general_develop: [1, 0, 0],
  general_winback: [0, 0, 0],
};

function Calibration({ scheme }: { scheme: Scheme }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const c = scheme.calibration;
  const config = scheme.config as {
    lookbackDays?: number | null;
    statuses?: string[];
    scoring?: string;
    compare?: string;
    fixed?: { r: number; f: number; m: number };
  };
  const fmt = (dim: 'r' | 'f' | 'm', v: number) =>
    dim === 'm' ? `¥${formatNumber(v, locale, 0)}` : formatNumber(v, locale, 1);
  const rows = (['r', 'f', 'm'] as const).map((dim) => ({
    key: dim,
    name: t(`segmentation.schemes.calibration.${dim}`),
    cuts: c ? c.cuts[dim].map((v) => fmt(dim, v)).join(' · ') : '',
    mean: c ? formatNumber(c.means[dim], locale, 2, 2) : '',
  }));
  const statuses = (config.statuses ?? [])
    .map((s) =>
      ['pending', 'paid', 'completed', 'cancelled', 'refunded'].includes(s)
        ? t(`segmentation.orderStatus.${s as 'paid'}`)
        : s,
    )
    .join(t('segmentation.classification.listSeparator'));
  return (
    <Card
      size="small"
      title={t('segmentation.schemes.calibration.title')}
      style={{ marginTop: 16 }}
      data-testid="scheme-calibration"
    >
      <Row gutter={[24, 8]}>
        <Col xs={24} lg={10}>
          <dl className="scheme-settings">
            <dt>{t('segmentation.schemes.calibration.lookback')}</dt>
            <dd>
              {config.lookbackDays
                ? t('segmentation.schemes.calibration.lastDays', { n: config.lookbackDays })
                : t('segmentation.schemes.calibration.allHistory')}
            </dd>
            <dt>{t('segmentation.schemes.calibration.statuses')}</dt>
            <dd>{statuses}</dd>
            <dt>{t('segmentation.schemes.calibration.scoring')}</dt>
            <dd>
              {config.scoring === 'thresholds'
                ? t('segmentation.schemes.calibration.thresholds')
                : t('segmentation.schemes.calibration.quintiles')}
            </dd>
            <dt>{t('segmentation.schemes.calibration.compare')}</dt>
            <dd>
              {config.compare === 'fixed' && config.fixed
                ? t('segmentation.schemes.calibration.compareFixed', config.fixed)
                : t('segmentation.schemes.calibration.compareMean')}
            </dd>
          </dl>
        </Col>
        <Col xs={24} lg={14}>
          {c ? (
            <>
              <Typography.Text type="secondary" className="rfm-small">
                {t('segmentation.schemes.calibration.asOf', {
                  asOf: c.asOf,
                  scored: formatNumber(c.scored, locale, 0),
                })}
              </Typography.Text>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={rows}
                style={{ marginTop: 6 }}
                columns={[
                  { title: t('segmentation.schemes.calibration.dimension'), dataIndex: 'name' },
                  { title: t('segmentation.schemes.calibration.cuts'), dataIndex: 'cuts' },
                  { title: t('segmentation.schemes.calibration.mean'), dataIndex: 'mean', align: 'right' },
                ]}
              />
            </>
          ) : (
            <Typography.Text type="secondary">{t('segmentation.schemes.calibration.none')}</Typography.Text>
          )}
        </Col>
      </Row>
    </Card>
  );
}

function SchemeView({
  scheme,
  canManage,
  onEdit,
}: {
  scheme: Scheme;
  canManage: boolean;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const locale = i18n.language;
  const handleError = useApiErrorHandler();
  const errorText = useErrorText();
  const { describe } = useRuleWords();
  const update = useUpdateScheme();
  const remove = useDeleteScheme();
  const total = schemeTotal(scheme);
  const name = localName(scheme, locale);

  const toggle = (enabled: boolean) =>
    update.mutate(
      { id: scheme.id, body: { version: scheme.version, enabled } },
      {
        onSuccess: () =>
          void message.success(
            t(enabled ? 'segmentation.schemes.enabledOn' : 'segmentation.schemes.enabledOff', { name }),
          ),
        onError: (err) => handleError(err),
      },
    );

  const confirmDelete = () =>
    modal.confirm({
      title: t('segmentation.schemes.deleteConfirm', { name }),
      content: t('segmentation.schemes.deleteHint'),
      okText: t('segmentation.schemes.delete'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'scheme-delete-confirm' } as object) },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(scheme.id).then(
          () => void message.success(t('segmentation.schemes.deleted')),
          (err: unknown) => {
            // A scheme other rules test (RULE_REFERENCED) names those rules: say so plainly.
            modal.error({
              title: t('segmentation.schemes.cannotDelete'),
              content: isApiError(err) ? errorText(err) : t('errors.generic'),
            });
          },
        ),
    });

  const ruleCell = (tier: Tier, index: number) => {
    if (scheme.kind === 'rfm') {
      const pattern = RFM_PATTERN[tier.key];
      if (!pattern)
        return <Typography.Text type="secondary">{t('segmentation.schemes.rfmRule')}</Typography.Text>;
      return (
        <Tooltip title={t('segmentation.schemes.rfmRule')}>
          <Flex gap={4}>
            {(['R', 'F', 'M'] as const).map((dim, i) => (
              <Tag
                key={dim}
                bordered={false}
                color={pattern[i] ? 'green' : 'default'}
                style={{ marginInlineEnd: 0 }}
              >
                {dim}{' '}
                {pattern[i] ? t('segmentation.classification.high') : t('segmentation.classification.low')}
              </Tag>
            ))}
          </Flex>
        </Tooltip>
      );
    }
    if (!tier.rule)
      return (
        <Typography.Text type="secondary">
          {index === scheme.tiers.length - 1
            ? t('segmentation.schemes.everyoneElse')
            : t('segmentation.schemes.noRuleMiddle')}
        </Typography.Text>
      );
    return <span data-testid={`scheme-tier-rule-${tier.key}`}>{describe(tier.rule)}</span>;
  };

  return (
    <div data-testid={`scheme-${scheme.key}`}>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {name}
          </Typography.Title>
          <Typography.Text type="secondary" code>
            {scheme.key}
          </Typography.Text>
          <Tag color={scheme.kind === 'rfm' ? 'purple' : 'blue'}>
            {scheme.kind === 'rfm' ? t('segmentation.schemes.kindRfm') : t('segmentation.schemes.kindRules')}
          </Tag>
        </Flex>
        <Flex gap={8} align="center" wrap>
          <Flex gap={6} align="center">
            <Switch
              checked={scheme.enabled}
              onChange={toggle}
              loading={update.isPending}
              disabled={!canManage}
              data-testid={`scheme-enabled-${scheme.key}`}
            />
            <Typography.Text>
              {scheme.enabled ? t('segmentation.schemes.enabled') : t('segmentation.schemes.disabled')}
            </Typography.Text>
          </Flex>
          {canManage && (
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid={`scheme-edit-${scheme.key}`}>
              {t('segmentation.schemes.edit')}
            </Button>
          )}
          {canManage &&
            (scheme.kind === 'rfm' ? (
              <Tooltip title={t('segmentation.schemes.builtIn')}>
                <Button icon={<DeleteOutlined />} disabled>
                  {t('segmentation.schemes.delete')}
                </Button>
              </Tooltip>
            ) : (
              <Button
                danger
                icon={<DeleteOutlined />}
                onClick={confirmDelete}
                data-testid={`scheme-delete-${scheme.key}`}
              >
                {t('segmentation.schemes.delete')}
              </Button>
            ))}
        </Flex>
      </Flex>
      {!scheme.enabled && (
        <Alert
          type="warning"
          showIcon
          message={t('segmentation.schemes.disabledHint')}
          style={{ marginBottom: 12 }}
        />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('segmentation.schemes.total')} value={formatNumber(total, locale, 0)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" data-testid={`scheme-unplaced-${scheme.key}`}>
            <Statistic
              title={
                <Tooltip title={t('segmentation.schemes.unplacedHint')}>
                  {t('segmentation.schemes.unplaced')} <InfoCircleOutlined />
                </Tooltip>
              }
              value={formatNumber(scheme.unplaced, locale, 0)}
            />
          </Card>
        </Col>
      </Row>
      <Table<Tier>
        size="middle"
        rowKey="key"
        pagination={false}
        dataSource={scheme.tiers}
        scroll={{ x: 1000 }}
        data-testid={`scheme-tiers-${scheme.key}`}
        onRow={(tier) =>
          ({ 'data-testid': `tier-row-${scheme.key}-${tier.key}`, 'data-count': tier.count }) as object
        }
        columns={[
          {
            key: 'tier',
            title: t('segmentation.schemes.tier'),
            className: 'scheme-nowrap',
            render: (_, tier) => <TierBadge name={localName(tier, locale)} color={tier.color} />,
          },
          {
            key: 'count',
            title: t('segmentation.schemes.customers'),
            className: 'scheme-nowrap',
            align: 'right',
            render: (_, tier) => (
              <Typography.Text strong data-testid={`tier-count-${scheme.key}-${tier.key}`}>
                {formatNumber(tier.count, locale, 0)}
              </Typography.Text>
            ),
          },
          {
            key: 'share',
            title: t('segmentation.schemes.share'),
            width: 180,
            render: (_, tier) => (
              <Flex align="center" gap={8} style={{ minWidth: 150 }}>
                <Progress
                  percent={total ? (tier.count / total) * 100 : 0}
                  showInfo={false}
                  strokeColor={tier.color}
                  size="small"
                  style={{ flex: 1, margin: 0 }}
                />
                <Typography.Text
                  type="secondary"
                  className="rfm-small"
                  style={{ width: 44, textAlign: 'end' }}
                >
                  {formatShare(total ? tier.count / total : 0, locale)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'rule',
            title: t('segmentation.schemes.rule'),
            width: '28%',
            render: (_, tier, index) => ruleCell(tier, index),
          },
          {
            key: 'strategy',
            title: t('segmentation.schemes.strategy'),
            width: '30%',
            render: (_, tier) => (
              <Typography.Text type="secondary">
                {localStrategy(tier, locale) || t('segmentation.schemes.none')}
              </Typography.Text>
            ),
          },
          {
            key: 'cadence',
            title: t('segmentation.schemes.cadence'),
            className: 'scheme-nowrap',
            align: 'right',
            render: (_, tier) =>
              tier.followupCadenceDays === null
                ? t('segmentation.schemes.none')
                : t('segmentation.schemes.days', { n: tier.followupCadenceDays }),
          },
          {
            key: 'reclaim',
            title: t('segmentation.schemes.reclaim'),
            className: 'scheme-nowrap',
            align: 'right',
            render: (_, tier) =>
              tier.poolReclaimDays === null
                ? t('segmentation.schemes.none')
                : t('segmentation.schemes.days', { n: tier.poolReclaimDays }),
          },
        ]}
      />
      {scheme.kind === 'rfm' && <Calibration scheme={scheme} />}
    </div>
  );
}

function RecomputeAlert({ result, onClose }: { result: RecomputeResult; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 16 }}
      data-testid="recompute-result"
      message={t('segmentation.schemes.recomputeDone', {
        asOf: result.asOf,
        seconds: formatNumber(result.durationMs / 1000, i18n.language, 1),
      })}
      description={t('segmentation.schemes.recomputeStats', {
        changes: result.tierChanges,
        added: result.tagsAdded,
        removed: result.tagsRemoved,
        entered: result.entered,
        exited: result.exited,
      })}
    />
  );
}

/** 分类体系: every scheme with its tiers, counts and rules; admins edit, create, delete and recompute. */
export default function SchemesPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const canManage = can('segmentation.manage');
  const handleError = useApiErrorHandler();
  const query = useSchemes();
  const recompute = useRecompute();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useRecomputeJob(jobId);
  const invalidatePlacement = useInvalidatePlacement();
  const [result, setResult] = useState<RecomputeResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<Scheme | 'new' | null>(null);
  const [search, setSearch] = useSearchParams();
  const schemes = query.data?.items ?? [];
  const active = schemes.find((s) => s.key === search.get('scheme'))?.key ?? schemes[0]?.key;

  // The recompute is a background job: started here, followed until it ends (progress per range).
  const runRecompute = () => {
    setResult(null);
    setFailure(null);
    recompute.mutate(undefined, {
      onSuccess: (r) => setJobId(r.jobId),
      onError: (err) => handleError(err),
    });
  };
  useEffect(() => {
    const ended = job.data;
    if (!jobId || !ended || !isFinished(ended.status)) return;
    if (ended.status === 'succeeded' && ended.result) {
      setResult(ended.result);
      invalidatePlacement();
    } else setFailure(ended.error?.message ?? ended.status);
    setJobId(null);
  }, [jobId, job.data, invalidatePlacement]);
  const recomputing = recompute.isPending || jobId !== null;
  const progress = job.data?.progress;

  return (
    <div data-testid="schemes-page">
      <PageHeader
        title={t('segmentation.schemes.title')}
        subtitle={t('segmentation.schemes.subtitle')}
        extra={
          canManage && (
            <>
              <Button
                icon={<SyncOutlined spin={recomputing} />}
                onClick={runRecompute}
                disabled={recomputing}
                data-testid="schemes-recompute"
              >
                {!recomputing
                  ? t('segmentation.schemes.recompute')
                  : progress?.total
                    ? t('segmentation.schemes.recomputingRanges', {
                        done: progress.done,
                        total: progress.total,
                      })
                    : t('segmentation.schemes.recomputing')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="scheme-create"
              >
                {t('segmentation.schemes.create')}
              </Button>
            </>
          )
        }
      />
      <Typography.Paragraph type="secondary" className="rfm-scope">
        <InfoCircleOutlined /> {t('segmentation.schemes.scope')}
      </Typography.Paragraph>
      {result && <RecomputeAlert result={result} onClose={() => setResult(null)} />}
      {failure && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setFailure(null)}
          style={{ marginBottom: 16 }}
          data-testid="recompute-failed"
          message={t('segmentation.schemes.recomputeFailed', { message: failure })}
        />
      )}
      <QueryErrorAlert
        error={query.isError && !query.data ? query.error : null}
        onRetry={() => void query.refetch()}
      />
      {query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : schemes.length === 0 && query.data ? (
        <Card>
          <Empty description={t('segmentation.schemes.empty')} />
        </Card>
      ) : (
        <Card>
          <Tabs
            activeKey={active}
            onChange={(key) => setSearch({ scheme: key }, { replace: true })}
            data-testid="schemes-tabs"
            items={schemes.map((s) => ({
              key: s.key,
              label: (
                <span data-testid={`scheme-tab-${s.key}`} style={{ opacity: s.enabled ? 1 : 0.55 }}>
                  {localName(s, i18n.language)}
                </span>
              ),
              children: <SchemeView scheme={s} canManage={canManage} onEdit={() => setEditing(s)} />,
            }))}
          />
        </Card>
      )}
      <SchemeEditor
        open={editing !== null}
        scheme={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </div>
  );
}
