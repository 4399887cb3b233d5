import { useState } from 'react';
import { Alert, App, Modal, Select, Tag, Typography } from 'antd';
import type { Customer } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useTagCustomers, useTagGroups } from '../hooks/useTags.ts';

interface Props {
  /** `add` tags the customers, `remove` untags them; `null` closes the dialog. */
  mode: 'add' | 'remove' | null;
  customers: Customer[];
  onClose: () => void;
  /** After a successful call (e.g. to clear the selection). */
  onDone: () => void;
}

const SKIP_CODES = ['NOT_EDITABLE', 'TAG_BY_RULE'] as const;
type SkipCode = (typeof SKIP_CODES)[number];
const isSkipCode = (code: string): code is SkipCode => (SKIP_CODES as readonly string[]).includes(code);

/** Tags or untags the selected customers by hand; tags are picked grouped by their group. */
export function TagCustomersModal({ mode, customers, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const handleError = useApiErrorHandler();
  const groups = useTagGroups(mode !== null);
  const tagCustomers = useTagCustomers();
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const n = customers.length;
  const en = i18n.language === 'en';

  const allTags = new Map(
    (groups.data?.items ?? []).flatMap((g) => g.tags.map((tag) => [tag.id, { tag, group: g }] as const)),
  );
  const options = (groups.data?.items ?? [])
    .filter((g) => g.tags.length > 0)
    .map((g) => ({
      label: `${en ? g.nameEn : g.nameZh}${g.exclusive ? ` · ${t('segmentation.tags.single')}` : ''}`,
      title: g.id,
      options: g.tags.map((tag) => ({
        value: tag.id,
        label: tag.name,
        search: `${en ? g.nameEn : g.nameZh} ${tag.name}`,
      })),
    }));
  const ruled = tagIds.filter((id) => allTags.get(id)?.tag.rule != null);

  const close = () => {
    setTagIds([]);
    setMissing(false);
    onClose();
  };

  const submit = () => {
    if (tagIds.length === 0) {
      setMissing(true);
      return;
    }
    const body =
      mode === 'add'
        ? { customerIds: customers.map((c) => c.id), add: tagIds }
        : { customerIds: customers.map((c) => c.id), remove: tagIds };
    tagCustomers.mutate(body, {
      onSuccess: (result) => {
        void message.success(t('segmentation.tags.bulk.done', { affected: result.affected }));
        if (result.skipped.length > 0) {
          const names = new Map(customers.map((c) => [c.id, c.name]));
          modal.warning({
            title: t('customers.bulk.skippedTitle', { n: result.skipped.length }),
            content: (
              <div data-testid="tag-skipped">
                <Typography.Paragraph>{t('customers.bulk.skippedIntro')}</Typography.Paragraph>
                <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                  {result.skipped.map((s) => (
                    <li key={s.id}>
                      {names.get(s.id) ?? s.id}:{' '}
                      {isSkipCode(s.code)
                        ? t(`segmentation.tags.bulk.skip.${s.code}`)
                        : t('customers.skipReasons.other', { code: s.code })}
                    </li>
                  ))}
                </ul>
              </div>
            ),
          });
        }
        setTagIds([]);
        setMissing(false);
        onDone();
        onClose();
      },
      onError: (err) => handleError(err),
    });
  };

  return (
    <Modal
      open={mode !== null}
      title={
        mode === 'remove'
          ? t('segmentation.tags.bulk.untagTitle', { n })
          : t('segmentation.tags.bulk.tagTitle', { n })
      }
      okText={mode === 'remove' ? t('segmentation.tags.bulk.untag') : t('segmentation.tags.bulk.tag')}
      okButtonProps={{ danger: mode === 'remove', 'data-testid': 'bulk-tags-ok' }}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={close}
      confirmLoading={tagCustomers.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {mode === 'remove' ? t('segmentation.tags.bulk.untagHelp') : t('segmentation.tags.bulk.tagHelp')}
      </Typography.Paragraph>
      <Select
        mode="multiple"
        autoFocus
        value={tagIds}
        onChange={(v: string[]) => {
          setTagIds(v);
          setMissing(false);
        }}
        options={options}
        optionFilterProp="search"
        loading={groups.isPending}
        status={missing ? 'error' : undefined}
        placeholder={t('segmentation.tags.bulk.pick')}
        notFoundContent={groups.isPending ? undefined : t('segmentation.tags.bulk.noTags')}
        tagRender={({ value, closable, onClose: remove }) => {
          const found = allTags.get(String(value));
          return (
            <Tag color={found?.tag.color} closable={closable} onClose={remove} style={{ marginInlineEnd: 4 }}>
              {found ? found.tag.name : String(value)}
            </Tag>
          );
        }}
        style={{ width: '100%' }}
        data-testid="bulk-tags-select"
      />
      {missing && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('segmentation.tags.bulk.pickRequired')}
        </Typography.Text>
      )}
      {ruled.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          message={
            mode === 'remove' ? t('segmentation.tags.bulk.ruledRemove') : t('segmentation.tags.bulk.ruledAdd')
          }
        />
      )}
    </Modal>
  );
}
