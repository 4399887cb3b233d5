import { useState } from 'react';
import { Flex, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../../users/components/UserSelect.tsx';

interface Props {
  /** A user id, `null` for the public pool (公海), `undefined` while nothing is chosen. */
  value?: string | null;
  onChange?: (value: string | null | undefined) => void;
  /** The current owner's name, shown until the user list has loaded it. */
  ownerName?: string | null;
  id?: string;
  'data-testid'?: string;
}

/** Owner of a customer: a colleague or the public pool (works inside a Form.Item). */
export function OwnerPicker({ value, onChange, ownerName, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'user' | 'pool'>(value === null ? 'pool' : 'user');
  const testId = rest['data-testid'] ?? 'owner-picker';

  return (
    <Flex gap={8} wrap align="center" id={id} data-testid={testId}>
      <Radio.Group
        optionType="button"
        value={mode}
        onChange={(e) => {
          const next = e.target.value as 'user' | 'pool';
          setMode(next);
          onChange?.(next === 'pool' ? null : undefined);
        }}
        options={[
          { value: 'user', label: t('customers.fields.ownerUser') },
          { value: 'pool', label: t('customers.fields.ownerPool') },
        ]}
        data-testid={`${testId}-mode`}
      />
      {mode === 'user' && (
        <UserSelect
          activeOnly
          value={value ?? undefined}
          valueLabel={ownerName ?? undefined}
          onChange={(v) => onChange?.(v)}
          placeholder={t('customers.fields.ownerPlaceholder')}
          style={{ flex: 1, minWidth: 220 }}
          data-testid={`${testId}-user`}
          aria-label={t('customers.fields.owner')}
        />
      )}
    </Flex>
  );
}
