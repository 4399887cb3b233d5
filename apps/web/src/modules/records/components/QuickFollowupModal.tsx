import { FollowupFormModal } from './FollowupFormModal.tsx';

/**
 * 写跟进 from anywhere (the customer list, the detail page): open while `customer` is set. Saving
 * refreshes the customer's follow-ups, timeline and key figures, and the customer list.
 */
export function QuickFollowupModal({
  customer,
  onClose,
  onSaved,
}: {
  customer: { id: string; name: string } | null;
  onClose: () => void;
  onSaved?: () => void;
}) {
  if (!customer) return null;
  return (
    <FollowupFormModal
      key={customer.id}
      customer={customer}
      followup={null}
      onClose={onClose}
      onSaved={onSaved}
    />
  );
}
