import { Button, Checkbox, Divider, Flex, Popover, Tooltip, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import type { CustomField } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useCustomFieldLabel } from '../../custom-fields/hooks/useCustomFields.ts';
import { BUILT_IN_COLUMNS, DEFAULT_COLUMNS, FIXED_COLUMNS, customColumnKey } from '../columns.ts';

interface Props {
  /** Visible column keys. */
  value: string[];
  onChange: (columns: string[]) => void;
  customFields: CustomField[];
  /** Tier columns of the enabled schemes and the tags column. */
  classificationColumns?: { key: string; title: string }[];
}

/** Show / hide the customer list's columns, custom fields included. */
export function ColumnChooser({ value, onChange, customFields, classificationColumns = [] }: Props) {
  const { t } = useTranslation();
  const cfLabel = useCustomFieldLabel();
  const visible = new Set(value);
  const toggle = (key: string, on: boolean) =>
    onChange(on ? [...value, key] : value.filter((k) => k !== key));

  const item = (key: string, label: string) => (
    <Checkbox
      key={key}
      checked={visible.has(key)}
      disabled={FIXED_COLUMNS.includes(key)}
      onChange={(e) => toggle(key, e.target.checked)}
      data-testid={`column-toggle-${key}`}
    >
      {label}
    </Checkbox>
  );

  const content = (
    <div style={{ width: 340 }} data-testid="column-chooser">
      <Typography.Text type="secondary">{t('customers.columnChooser.builtIn')}</Typography.Text>
      <Flex wrap gap="6px 0" style={{ marginTop: 6 }}>
        {BUILT_IN_COLUMNS.map((key) => (
          <div key={key} style={{ width: '50%' }}>
            {item(key, t(`customers.columns.${key}`))}
          </div>
        ))}
      </Flex>
      {classificationColumns.length > 0 && (
        <>
          <Divider style={{ margin: '10px 0' }} />
          <Typography.Text type="secondary">{t('segmentation.listColumns.chooser')}</Typography.Text>
          <Flex wrap gap="6px 0" style={{ marginTop: 6 }}>
            {classificationColumns.map((c) => (
              <div key={c.key} style={{ width: '50%' }}>
                {item(c.key, c.title)}
              </div>
            ))}
          </Flex>
        </>
      )}
      {customFields.length > 0 && (
        <>
          <Divider style={{ margin: '10px 0' }} />
          <Typography.Text type="secondary">{t('customers.columnChooser.custom')}</Typography.Text>
          <Flex wrap gap="6px 0" style={{ marginTop: 6 }}>
            {customFields.map((f) => (
              <div key={f.key} style={{ width: '50%' }}>
                {item(customColumnKey(f.key), cfLabel(f))}
              </div>
            ))}
          </Flex>
        </>
      )}
      <Divider style={{ margin: '10px 0' }} />
      <Button size="small" onClick={() => onChange([...DEFAULT_COLUMNS])} data-testid="column-reset">
        {t('customers.columnChooser.reset')}
      </Button>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('customers.columnChooser.title')}
      content={content}
    >
      <Tooltip title={t('customers.columnChooser.button')}>
        <Button
          icon={<SettingOutlined />}
          aria-label={t('customers.columnChooser.button')}
          data-testid="column-chooser-button"
        />
      </Tooltip>
    </Popover>
  );
}
