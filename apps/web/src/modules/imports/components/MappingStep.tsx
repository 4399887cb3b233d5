import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Flex,
  Input,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicatePolicy, ImportPreview, PreviewCell } from '@stratum/contracts';
import type { ImportKind, ImportUpload } from '../api.ts';
import { alternativesOf, assign, missingFields } from '../lib/mapping.ts';
import type { ColumnMapping } from '../lib/mapping.ts';

export interface ImportOptions {
  onDuplicate: DuplicatePolicy;
  createCustomers: boolean;
  cancelPrefix: string;
}

interface Props {
  kind: ImportKind;
  upload: ImportUpload;
  preview: ImportPreview;
  sheet: string | undefined;
  onSheet: (sheet: string) => void;
  mapping: ColumnMapping;
  onMapping: (mapping: ColumnMapping) => void;
  options: ImportOptions;
  onOptions: (options: ImportOptions) => void;
  onBack: () => void;
  onValidate: () => void;
  busy: boolean;
}

export const cellText = (cell: PreviewCell | undefined) =>
  cell === null || cell === undefined ? '' : typeof cell === 'boolean' ? String(cell) : String(cell);

/** Step 2: the sheet, which column feeds which field (auto-mapped, adjustable) and the options. */
export function MappingStep(props: Props) {
  const { t } = useTranslation();
  const { preview, mapping, options, kind } = props;
  const missing = missingFields(preview.fields, mapping);
  const label = (key: string) => preview.fields.find((f) => f.key === key)?.label ?? key;
  const fieldOptions = [
    { value: '', label: <Typography.Text type="secondary">{t('imports.mapping.ignore')}</Typography.Text> },
    ...preview.fields.map((f) => ({
      value: f.key,
      label: (
        <span>
          {f.label}
          {f.required && (
            <Typography.Text type="danger" style={{ marginLeft: 6, fontSize: 12 }}>
              * {t('imports.mapping.required')}
            </Typography.Text>
          )}
          {f.group && (
            <Typography.Text type="warning" style={{ marginLeft: 6, fontSize: 12 }}>
              * {t('imports.mapping.oneOf')}
            </Typography.Text>
          )}
        </span>
      ),
      title: f.label,
    })),
  ];
  const samples = (index: number) =>
    preview.rows
      .slice(0, 3)
      .map((r) => cellText(r.cells[index]))
      .filter((v) => v !== '')
      .join(' · ');

  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('imports.mapping.file')}>{props.upload.filename}</Descriptions.Item>
        {preview.sheets.length > 0 && (
          <Descriptions.Item label={t('imports.mapping.sheet')}>
            <Select
              size="small"
              style={{ minWidth: 200 }}
              value={preview.sheet ?? undefined}
              onChange={props.onSheet}
              data-testid="import-sheet"
              options={preview.sheets.map((s) => ({
                value: s.name,
                label: s.rows ? t('imports.mapping.sheetRows', { name: s.name, rows: s.rows }) : s.name,
              }))}
            />
          </Descriptions.Item>
        )}
      </Descriptions>

      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="import-missing"
          message={t('imports.mapping.missing', {
            fields: missing
              .map((key) => {
                const others = alternativesOf(preview.fields, key);
                return others.length
                  ? t('imports.mapping.orAlternatives', {
                      field: label(key),
                      others: others.map((f) => f.label).join(t('imports.mapping.listSeparator')),
                    })
                  : label(key);
              })
              .join(t('imports.mapping.listSeparator')),
          })}
        />
      ) : (
        <Alert type="success" showIcon message={t('imports.mapping.allMapped')} />
      )}

      <Table
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={preview.columns}
        data-testid="import-mapping"
        columns={[
          {
            title: t('imports.mapping.column'),
            dataIndex: 'header',
            width: '28%',
            render: (h: string) => <Typography.Text strong>{h}</Typography.Text>,
          },
          {
            title: t('imports.mapping.sample'),
            key: 'sample',
            ellipsis: true,
            render: (_: unknown, c) => <Typography.Text type="secondary">{samples(c.index)}</Typography.Text>,
          },
          {
            title: t('imports.mapping.field'),
            key: 'field',
            width: '32%',
            render: (_: unknown, c) => (
              <Select
                style={{ width: '100%' }}
                value={mapping[c.index] ?? ''}
                options={fieldOptions}
                optionLabelProp="title"
                onChange={(v: string) => props.onMapping(assign(mapping, c.index, v === '' ? null : v))}
                data-testid={`map-${c.index}`}
                labelRender={({ value }) =>
                  value === '' || value === undefined ? (
                    <Typography.Text type="secondary">{t('imports.mapping.ignore')}</Typography.Text>
                  ) : (
                    <Tag color="blue" bordered={false}>
                      {label(String(value))}
                    </Tag>
                  )
                }
              />
            ),
          },
        ]}
      />

      <div>
        <Typography.Title level={5}>{t('imports.mapping.options')}</Typography.Title>
        <Flex vertical gap={12}>
          <div>
            <Typography.Text>{t('imports.mapping.onDuplicate')}</Typography.Text>
            <div>
              <Radio.Group
                value={options.onDuplicate}
                onChange={(e) =>
                  props.onOptions({ ...options, onDuplicate: e.target.value as DuplicatePolicy })
                }
                data-testid="import-on-duplicate"
                options={[
                  { value: 'skip', label: t('imports.mapping.skip') },
                  { value: 'update', label: t('imports.mapping.update') },
                  { value: 'create', label: t('imports.mapping.create') },
                ]}
              />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('imports.mapping.duplicateHint')}
            </Typography.Text>
          </div>
          {kind !== 'customers' && (
            <Checkbox
              checked={options.createCustomers}
              onChange={(e) => props.onOptions({ ...options, createCustomers: e.target.checked })}
            >
              {t('imports.mapping.createCustomers')}
            </Checkbox>
          )}
          {kind === 'orders' && (
            <Flex align="center" gap={8} wrap>
              <Typography.Text>{t('imports.mapping.cancelPrefix')}</Typography.Text>
              <Input
                style={{ width: 100 }}
                maxLength={20}
                value={options.cancelPrefix}
                onChange={(e) => props.onOptions({ ...options, cancelPrefix: e.target.value })}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('imports.mapping.cancelPrefixHint')}
              </Typography.Text>
            </Flex>
          )}
        </Flex>
      </div>

      <Flex justify="space-between">
        <Button onClick={props.onBack}>{t('imports.mapping.back')}</Button>
        <Button
          type="primary"
          disabled={missing.length > 0}
          loading={props.busy}
          onClick={props.onValidate}
          data-testid="import-validate"
        >
          {t('imports.mapping.validate')}
        </Button>
      </Flex>
    </Flex>
  );
}
