import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { ApartmentOutlined, InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { CustomerClassification, Placement, Scheme } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { formatDate, formatMoney } from '../../../app/format.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { useClassification, useTagCustomer, useTagGroupList } from '../hooks/useClassification.ts';
import { useRuleWords } from '../hooks/useRuleWords.ts';
import { useSchemes } from '../hooks/useSchemes.ts';
import { formatNumber } from '../lib/rfm.ts';
import { localName, tierLookup } from '../lib/schemes.ts';
import { TagChip, TierBadge } from './TierBadge.tsx';
import '../segmentation.css';

type RfmWhy = Extract<NonNullable<Placement['why']>, { kind: 'rfm' }>;
type RuleWhy = Extract<NonNullable<Placement['why']>, { kind: 'rule' }>;

function RfmWhyView({ why, scheme }: { why: RfmWhy; scheme: Scheme | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const cuts = scheme?.calibration?.cuts;
  const rows = [
    {
      key: 'r',
      name: 'R',
      value: t('segmentation.classification.rDays', { n: formatNumber(why.recencyDays, locale, 0) }),
      score: why.r,
      bar: why.bars.r,
      cuts: cuts?.r.map((c) => formatNumber(c, locale, 1)),
    },
    {
      key: 'f',
      name: 'F',
      value: t('segmentation.classification.fOrders', { n: formatNumber(why.frequency, locale, 0) }),
      score: why.f,
      bar: why.bars.f,
      cuts: cuts?.f.map((c) => formatNumber(c, locale, 1)),
    },
    {
      key: 'm',
      name: 'M',
      value: formatMoney(why.monetary),
      score: why.m,
      bar: why.bars.m,
      cuts: cuts?.m.map((c) => formatMoney(String(Math.round(c))).replace(/\.00$/, '')),
    },
  ];
  return (
    <div data-testid="classification-why-rfm">
      <table className="cls-rfm-table">
        <thead>
          <tr>
            <th>{t('segmentation.classification.rfmHead')}</th>
            <th>{t('segmentation.classification.value')}</th>
            <th>{t('segmentation.classification.score')}</th>
            <th>{t('segmentation.classification.bar')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const high = r.score > r.bar;
            return (
              <tr key={r.key} data-testid={`classification-rfm-${r.key}`}>
                <td>
                  <Typography.Text strong>{r.name}</Typography.Text>
                </td>
                <td>{r.value}</td>
                <td>
                  <Tooltip
                    title={
                      r.cuts
                        ? t('segmentation.classification.cutsLine', { dim: r.name, cuts: r.cuts.join(' · ') })
                        : undefined
                    }
                  >
                    <span className="cls-score">{r.score}</span>/5
                  </Tooltip>
                </td>
                <td>
                  {formatNumber(r.bar, locale, 2, 2)}{' '}
                  <Tag color={high ? 'green' : 'default'} bordered={false} style={{ marginInlineEnd: 0 }}>
                    {high ? t('segmentation.classification.high') : t('segmentation.classification.low')}
                  </Tag>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Typography.Text type="secondary" className="rfm-small">
        {t('segmentation.classification.cutsAsOf', { date: why.cutsAsOf })}
        {cuts && (
          <>
            {' · '}
            {rows.map((r) => `${r.name} ${r.cuts?.join(' / ')}`).join('；')}
          </>
        )}
      </Typography.Text>
    </div>
  );
}

function RuleWhyView({ why }: { why: RuleWhy }) {
  const { t } = useTranslation();
  const { describe, value } = useRuleWords();
  if (!why.rule) {
    return (
      <Typography.Text type="secondary" data-testid="classification-why-rule">
        {t('segmentation.classification.elseWhy')}
      </Typography.Text>
    );
  }
  return (
    <div data-testid="classification-why-rule">
      <Typography.Text>
        {t('segmentation.classification.ruleWhy', { rule: describe(why.rule) })}
      </Typography.Text>
      {why.values.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('segmentation.classification.values')}</Typography.Text>
          {why.values.map((v, i) => (
            <span key={v.field}>
              {i > 0 && t('segmentation.classification.listSeparator')}
              <Typography.Text type="secondary">{v.label} </Typography.Text>
              <Typography.Text strong>{value(v.field, v.value)}</Typography.Text>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

function PlacementBlock({ p, scheme }: { p: Placement; scheme: Scheme | undefined }) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  return (
    <div
      className="cls-placement"
      style={{ borderInlineStartColor: p.tier?.color ?? '#d9d9d9' }}
      data-testid={`classification-${p.schemeKey}`}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">{p.schemeName}</Typography.Text>
        {p.since && p.tier && (
          <Typography.Text type="secondary" className="rfm-small">
            {t('segmentation.classification.since', { date: formatDate(p.since, timeZone) })}
          </Typography.Text>
        )}
      </Flex>
      <div style={{ margin: '6px 0' }}>
        {p.tier ? (
          <TierBadge name={p.tier.name} color={p.tier.color} testId={`classification-tier-${p.schemeKey}`} />
        ) : (
          <Tag data-testid={`classification-tier-${p.schemeKey}`}>
            {t('segmentation.classification.unplaced')}
          </Tag>
        )}
      </div>
      <div className="cls-why">
        {p.why?.kind === 'rfm' ? (
          <RfmWhyView why={p.why} scheme={scheme} />
        ) : p.why?.kind === 'rule' ? (
          <RuleWhyView why={p.why} />
        ) : (
          <Typography.Text type="secondary">
            {p.kind === 'rfm'
              ? t('segmentation.classification.unplacedRfm')
              : t('segmentation.classification.unplacedRules')}
          </Typography.Text>
        )}
      </div>
      {p.tier?.strategy && (
        <Typography.Paragraph type="secondary" className="rfm-small" style={{ margin: '6px 0 0' }}>
          <InfoCircleOutlined /> {p.tier.strategy}
          {p.tier.followupCadenceDays !== null && (
            <> · {t('segmentation.classification.cadence', { n: p.tier.followupCadenceDays })}</>
          )}
        </Typography.Paragraph>
      )}
    </div>
  );
}

function TagsRow({
  data,
  customerId,
  canEdit,
}: {
  data: CustomerClassification;
  customerId: string;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const groups = useTagGroupList(canEdit);
  const tagMutation = useTagCustomer(customerId);
  const carried = new Set(data.tags.map((tag) => tag.tagId));
  const options = (groups.data?.items ?? [])
    .map((g) => ({
      label: localName(g, i18n.language),
      title: g.id,
      options: g.tags
        .filter((tag) => !carried.has(tag.id))
        .map((tag) => ({ value: tag.id, label: tag.name })),
    }))
    .filter((g) => g.options.length > 0);
  const anyTag = (groups.data?.items ?? []).some((g) => g.tags.length > 0);

  const change = (body: { add?: string[]; remove?: string[] }, done: string) =>
    tagMutation.mutate(body, {
      onSuccess: (result) => {
        if (result.skipped.length > 0) void message.warning(result.skipped.map((s) => s.code).join(', '));
        else void message.success(done);
      },
      onError: (err) => handleError(err),
    });

  return (
    <Flex gap={6} wrap align="center" data-testid="classification-tags">
      {data.tags.length === 0 && (
        <Typography.Text type="secondary">{t('segmentation.classification.noTags')}</Typography.Text>
      )}
      {data.tags.map((tag) =>
        tag.source === 'rule' ? (
          <Tooltip key={tag.tagId} title={`${tag.groupName} · ${t('segmentation.classification.autoHint')}`}>
            <span>
              <TagChip
                name={tag.name}
                color={tag.color}
                auto={t('segmentation.classification.auto')}
                testId={`classification-tag-${tag.tagId}`}
              />
            </span>
          </Tooltip>
        ) : canEdit ? (
          <Popconfirm
            key={tag.tagId}
            title={t('segmentation.classification.removeTag', { name: tag.name })}
            onConfirm={() => change({ remove: [tag.tagId] }, t('segmentation.classification.tagRemoved'))}
          >
            <span title={tag.groupName}>
              <TagChip
                name={tag.name}
                color={tag.color}
                onClose={() => undefined}
                testId={`classification-tag-${tag.tagId}`}
              />
            </span>
          </Popconfirm>
        ) : (
          <span key={tag.tagId} title={tag.groupName}>
            <TagChip name={tag.name} color={tag.color} testId={`classification-tag-${tag.tagId}`} />
          </span>
        ),
      )}
      {canEdit && (
        <Select
          size="small"
          value={null}
          placeholder={
            <>
              <PlusOutlined /> {t('segmentation.classification.addTag')}
            </>
          }
          options={options}
          showSearch
          optionFilterProp="label"
          loading={groups.isPending || tagMutation.isPending}
          disabled={tagMutation.isPending}
          notFoundContent={anyTag ? undefined : t('segmentation.classification.noTagsDefined')}
          onChange={(id: string | null) => {
            if (id) change({ add: [id] }, t('segmentation.classification.tagAdded'));
          }}
          style={{ minWidth: 150 }}
          popupMatchSelectWidth={false}
          aria-label={t('segmentation.classification.addTag')}
          data-testid="classification-add-tag"
        />
      )}
    </Flex>
  );
}

function History({ data, schemes }: { data: CustomerClassification; schemes: Scheme[] }) {
  const { t, i18n } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const [all, setAll] = useState(false);
  const names = tierLookup(schemes, i18n.language);
  const schemeNames = new Map(schemes.map((s) => [s.key, localName(s, i18n.language)]));
  if (data.history.length === 0)
    return <Typography.Text type="secondary">{t('segmentation.classification.noHistory')}</Typography.Text>;
  const shown = all ? data.history : data.history.slice(0, 6);
  const tierText = (scheme: string, key: string | null) =>
    key === null ? t('segmentation.classification.nowhere') : (names.get(scheme)?.get(key)?.name ?? key);
  return (
    <div data-testid="classification-history">
      <Timeline
        className="cls-history"
        items={shown.map((h) => ({
          color: (h.toTier && names.get(h.schemeKey)?.get(h.toTier)?.color) || 'gray',
          children: (
            <Flex gap={8} wrap align="baseline">
              <Typography.Text type="secondary" className="rfm-small" style={{ minWidth: 84 }}>
                {formatDate(h.at, timeZone)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {schemeNames.get(h.schemeKey) ?? h.schemeKey}
              </Typography.Text>
              <span>
                {tierText(h.schemeKey, h.fromTier)} →{' '}
                <Typography.Text strong>{tierText(h.schemeKey, h.toTier)}</Typography.Text>
              </span>
            </Flex>
          ),
        }))}
      />
      {data.history.length > 6 && (
        <Button type="link" size="small" onClick={() => setAll((a) => !a)} style={{ paddingInline: 0 }}>
          {all
            ? t('segmentation.classification.showLess')
            : t('segmentation.classification.showAll', { n: data.history.length })}
        </Button>
      )}
    </div>
  );
}

/**
 * 客户分类 on the customer 360 page: the customer's tier in each scheme and why, its tags (manual ones
 * removable, rule ones marked 自动), the segments it is in and its tier history.
 */
export function ClassificationCard({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const query = useClassification(customerId, i18n.language);
  const schemes = useSchemes();
  const data = query.data;
  const schemeList = schemes.data?.items ?? [];
  const byKey = new Map(schemeList.map((s) => [s.key, s]));

  return (
    <Card
      size="small"
      className="cls-card"
      title={
        <Flex gap={8} align="center">
          <ApartmentOutlined />
          {t('segmentation.classification.title')}
        </Flex>
      }
      data-testid="classification-card"
    >
      <QueryErrorAlert
        error={query.isError && !data ? query.error : null}
        onRetry={() => void query.refetch()}
      />
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : data ? (
        <>
          {data.placements.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('segmentation.classification.noScheme')}
            />
          ) : (
            <Row gutter={[12, 12]}>
              {data.placements.map((p) => (
                <Col key={p.schemeKey} xs={24} md={12} xxl={6}>
                  <PlacementBlock p={p} scheme={byKey.get(p.schemeKey)} />
                </Col>
              ))}
            </Row>
          )}
          <Row gutter={[24, 12]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Typography.Title level={5} className="cls-heading">
                {t('segmentation.classification.tags')}
              </Typography.Title>
              <TagsRow data={data} customerId={customerId} canEdit={canEdit} />
              <Typography.Title level={5} className="cls-heading cls-heading-gap">
                {t('segmentation.classification.segments')}
              </Typography.Title>
              <Flex gap={6} wrap data-testid="classification-segments">
                {data.segments.length === 0 ? (
                  <Typography.Text type="secondary">
                    {t('segmentation.classification.noSegments')}
                  </Typography.Text>
                ) : (
                  data.segments.map((s) => (
                    <Link key={s.id} to={`/segmentation/segments/${s.id}`}>
                      <Tag color="processing" style={{ marginInlineEnd: 0, cursor: 'pointer' }}>
                        {s.name} ·{' '}
                        {s.kind === 'dynamic'
                          ? t('segmentation.classification.dynamic')
                          : t('segmentation.classification.static')}
                      </Tag>
                    </Link>
                  ))
                )}
              </Flex>
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Title level={5} className="cls-heading">
                {t('segmentation.classification.history')}
              </Typography.Title>
              <History data={data} schemes={schemeList} />
            </Col>
          </Row>
        </>
      ) : null}
    </Card>
  );
}
