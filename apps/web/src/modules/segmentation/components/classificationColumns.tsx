import { useMemo } from 'react';
import { Flex, Typography } from 'antd';
import type { Customer } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useSchemes } from '../hooks/useSchemes.ts';
import { useTagGroupList } from '../hooks/useClassification.ts';
import { localName } from '../lib/schemes.ts';
import { TagChip, TierBadge } from './TierBadge.tsx';

export const TAGS_COLUMN = 'tags';
export const tierColumnKey = (schemeKey: string) => `tier.${schemeKey}`;

export interface ClassificationColumn {
  key: string;
  title: string;
  render: (customer: Customer) => React.ReactNode;
}

/**
 * The customer list's classification columns: one per enabled scheme (`tier.<key>`, the tier as a
 * coloured badge) and `tags` (tag chips). Names and colours come from the schemes and tag groups.
 */
export function useClassificationColumns(): ClassificationColumn[] {
  const { t, i18n } = useTranslation();
  const schemes = useSchemes();
  const groups = useTagGroupList();
  const language = i18n.language;

  return useMemo(() => {
    const tagsById = new Map(
      (groups.data?.items ?? []).flatMap((g) => g.tags.map((tag) => [tag.id, tag] as const)),
    );
    const none = <Typography.Text type="secondary">—</Typography.Text>;
    const columns: ClassificationColumn[] = (schemes.data?.items ?? [])
      .filter((s) => s.enabled)
      .map((s) => {
        const tiers = new Map(s.tiers.map((tier) => [tier.key, tier]));
        return {
          key: tierColumnKey(s.key),
          title: localName(s, language),
          render: (c: Customer) => {
            const tier = tiers.get(c.tiers?.[s.key] ?? '');
            return tier ? (
              <TierBadge
                name={localName(tier, language)}
                color={tier.color}
                testId={`tier-badge-${s.key}-${c.id}`}
              />
            ) : (
              none
            );
          },
        };
      });
    columns.push({
      key: TAGS_COLUMN,
      title: t('segmentation.listColumns.tags'),
      render: (c: Customer) => {
        const tags = (c.tagIds ?? []).flatMap((id) => {
          const tag = tagsById.get(id);
          return tag ? [tag] : [];
        });
        if (tags.length === 0) return none;
        return (
          <Flex gap={4} wrap style={{ maxWidth: 260 }}>
            {tags.map((tag) => (
              <TagChip key={tag.id} name={tag.name} color={tag.color} />
            ))}
          </Flex>
        );
      },
    });
    return columns;
  }, [schemes.data, groups.data, language, t]);
}
