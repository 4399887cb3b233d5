import { Tag } from 'antd';
import { isCustomerStatus, STATUS_COLORS } from '../labels.ts';
import { useCustomerLabels } from '../hooks/useCustomerLabels.ts';

/** A customer's status as a coloured tag. */
export function CustomerStatusTag({ status }: { status: string }) {
  const labels = useCustomerLabels();
  return (
    <Tag color={isCustomerStatus(status) ? STATUS_COLORS[status] : 'default'} data-status={status}>
      {labels.status(status)}
    </Tag>
  );
}
