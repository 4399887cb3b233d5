import {
  Button,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { Order } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../app/format.ts';
import { useWorkspaceTimeZone } from '../../../app/hooks/useWorkspaceTimeZone.ts';
import { textOrNull } from '../lib/diff.ts';
import { ORDER_STATUSES } from '../lib/enums.ts';
import { formatQuantity, lineAmount, orderTotal } from '../lib/money.ts';
import { fromWallClock, nowWallClock, toWallClock } from '../lib/time.ts';
import { currencyPrefix, decimalRule } from './formRules.ts';
import { ProductSelect } from './ProductSelect.tsx';
import { RecordFormModal } from './RecordFormModal.tsx';

interface LineValues {
  productId?: string | null;
  productName?: string;
  quantity?: string | null;
  unitPrice?: string | null;
}

interface Values {
  orderNo: string;
  orderedAt: Dayjs;
  status: Order['status'];
  amount?: string | null;
  lines?: LineValues[];
  notes?: string | null;
}

/** A suggested order number for a new order: SO + date + 4 random digits (unique-enough; the server checks). */
function suggestOrderNo(): string {
  return `SO${dayjs().format('YYYYMMDD')}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
}

/** The amount of one line, live. */
function LineAmount({ name, currency }: { name: number; currency: string }) {
  const line = Form.useWatch(['lines', name]) as LineValues | undefined;
  const amount = line ? lineAmount(line.quantity, line.unitPrice) : null;
  return (
    <div className="order-line-amount records-money" data-testid={`order-line-amount-${name}`}>
      {amount === null ? '—' : formatMoney(amount, currency)}
    </div>
  );
}

/** The order total from the lines, or the amount field when there are none. */
function OrderTotal({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const lines = Form.useWatch('lines') as LineValues[] | undefined;
  if (!lines?.length) return null;
  return (
    <Flex justify="flex-end" align="baseline" gap={12} className="order-total">
      <Typography.Text type="secondary">{t('records.orders.amountFromLines')}</Typography.Text>
      <Typography.Text strong>{t('records.orders.total')}</Typography.Text>
      <Typography.Text strong className="records-money order-total-value" data-testid="order-total">
        {formatMoney(orderTotal(lines), currency)}
      </Typography.Text>
    </Flex>
  );
}

/** The amount field, only for an order without lines. */
function AmountField({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const lines = Form.useWatch('lines') as LineValues[] | undefined;
  if (lines?.length) return null;
  return (
    <Row gutter={16} align="bottom">
      <Col xs={24} sm={12} md={8}>
        <Form.Item
          name="amount"
          label={t('records.orders.fields.amount')}
          rules={[
            { required: true, message: t('validation.required') },
            decimalRule(2, t('records.validation.money')),
          ]}
        >
          <InputNumber<string>
            stringMode
            prefix={currencyPrefix(currency)}
            style={{ width: '100%' }}
            data-testid="order-amount"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
          {t('records.orders.lines.empty')}
        </Typography.Paragraph>
      </Col>
    </Row>
  );
}

/**
 * Create or edit an order with its lines: each line may pick a catalogue product (filling name and
 * unit price) or be free text; line amounts and the total are computed exactly for display, and the
 * server computes the stored amount the same way. Without lines the amount is entered directly.
 */
export function OrderFormModal({
  customerId,
  order,
  onClose,
}: {
  customerId: string;
  order: Order | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const currency = order?.currency ?? 'CNY';
  const required = { required: true, message: t('validation.required') };

  return (
    <RecordFormModal<'orders', Values>
      type="orders"
      customerId={customerId}
      record={order}
      title={order ? t('records.orders.editTitle', { no: order.orderNo }) : t('records.orders.createTitle')}
      testId="order-form"
      width={960}
      initialValues={{
        orderNo: suggestOrderNo(),
        orderedAt: nowWallClock(timeZone),
        status: 'completed',
        lines: [{ productId: null, productName: '', quantity: '1', unitPrice: null }],
      }}
      toValues={(o) => ({
        orderNo: o.orderNo,
        orderedAt: toWallClock(o.orderedAt, timeZone),
        status: o.status,
        amount: o.lines.length ? null : o.amount,
        lines: o.lines.map((l) => ({
          productId: l.productId,
          productName: l.productName,
          quantity: formatQuantity(l.quantity),
          unitPrice: l.unitPrice,
        })),
        notes: o.notes,
      })}
      toFields={(v) => {
        const lines = (v.lines ?? []).map((l) => ({
          productId: l.productId ?? null,
          productName: (l.productName ?? '').trim(),
          quantity: String(l.quantity ?? '').trim(),
          unitPrice: String(l.unitPrice ?? '').trim(),
        }));
        return {
          orderNo: v.orderNo.trim(),
          orderedAt: fromWallClock(v.orderedAt, timeZone),
          status: v.status,
          lines,
          // With lines the server computes the amount (Σ quantity × unit price).
          amount: lines.length ? undefined : String(v.amount ?? '').trim(),
          notes: textOrNull(v.notes),
        };
      }}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            name="orderNo"
            label={t('records.orders.fields.orderNo')}
            rules={[
              { ...required, whitespace: true },
              { max: 64, message: t('validation.maxLength', { max: 64 }) },
            ]}
          >
            <Input data-testid="order-no" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={8}>
          <Form.Item name="orderedAt" label={t('records.orders.fields.orderedAt')} rules={[required]}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowClear={false}
              style={{ width: '100%' }}
              data-testid="order-ordered-at"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            name="status"
            label={t('records.orders.fields.status')}
            rules={[required]}
            extra={t('records.orders.notCounted')}
          >
            <Select
              options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`records.orders.statuses.${s}`) }))}
              data-testid="order-status"
            />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0} plain style={{ marginTop: 0 }}>
        {t('records.orders.fields.lines')}
      </Divider>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <div data-testid="order-lines">
            {fields.length > 0 && (
              <Row gutter={8} className="order-lines-head">
                <Col md={6}>{t('records.orders.lines.product')}</Col>
                <Col md={7}>{t('records.orders.lines.productName')}</Col>
                <Col md={3}>{t('records.orders.lines.quantity')}</Col>
                <Col md={4}>{t('records.orders.lines.unitPrice')}</Col>
                <Col md={3} style={{ textAlign: 'right' }}>
                  {t('records.orders.lines.amount')}
                </Col>
              </Row>
            )}
            {fields.map(({ key, name }) => (
              <Row gutter={8} key={key} className="order-line" data-testid={`order-line-${name}`}>
                <Col xs={24} md={6}>
                  <Form.Item name={[name, 'productId']}>
                    <LineProductSelect name={name} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={7}>
                  <Form.Item
                    name={[name, 'productName']}
                    rules={[
                      { ...required, whitespace: true },
                      { max: 200, message: t('validation.maxLength', { max: 200 }) },
                    ]}
                  >
                    <Input
                      placeholder={t('records.orders.lines.productNamePlaceholder')}
                      aria-label={t('records.orders.lines.productName')}
                      data-testid={`order-line-name-${name}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item
                    name={[name, 'quantity']}
                    rules={[required, decimalRule(3, t('records.validation.quantity'))]}
                  >
                    <InputNumber<string>
                      stringMode
                      placeholder={t('records.orders.lines.quantity')}
                      aria-label={t('records.orders.lines.quantity')}
                      style={{ width: '100%' }}
                      data-testid={`order-line-quantity-${name}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={9} md={4}>
                  <Form.Item
                    name={[name, 'unitPrice']}
                    rules={[required, decimalRule(2, t('records.validation.money'))]}
                  >
                    <InputNumber<string>
                      stringMode
                      placeholder={t('records.orders.lines.unitPrice')}
                      aria-label={t('records.orders.lines.unitPrice')}
                      style={{ width: '100%' }}
                      data-testid={`order-line-price-${name}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={5} md={3}>
                  <LineAmount name={name} currency={currency} />
                </Col>
                <Col xs={2} md={1}>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(name)}
                    aria-label={t('records.orders.lines.remove')}
                    title={t('records.orders.lines.remove')}
                    data-testid={`order-line-remove-${name}`}
                  />
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => add({ productId: null, productName: '', quantity: '1', unitPrice: null })}
              style={{ marginBottom: 16 }}
              data-testid="order-line-add"
            >
              {t('records.orders.lines.add')}
            </Button>
          </div>
        )}
      </Form.List>
      <OrderTotal currency={currency} />
      <AmountField currency={currency} />
      <Form.Item
        name="notes"
        label={t('records.orders.fields.notes')}
        rules={[{ max: 2000, message: t('validation.maxLength', { max: 2000 }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="order-notes" />
      </Form.Item>
    </RecordFormModal>
  );
}

/** The product picker of line `name`: picking fills the line's name and unit price. */
function LineProductSelect({
  name,
  value,
  onChange,
  id,
}: {
  name: number;
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}) {
  const form = Form.useFormInstance<Values>();
  const productName = Form.useWatch(['lines', name, 'productName'], form) as string | undefined;
  return (
    <ProductSelect
      id={id}
      value={value}
      onChange={onChange}
      fallbackLabel={productName}
      onPick={(product) => {
        form.setFieldValue(['lines', name, 'productName'], product.name);
        if (product.unitPrice !== null) form.setFieldValue(['lines', name, 'unitPrice'], product.unitPrice);
        void form.validateFields([
          ['lines', name, 'productName'],
          ['lines', name, 'unitPrice'],
        ]);
      }}
      style={{ width: '100%' }}
      data-testid={`order-line-product-${name}`}
    />
  );
}
