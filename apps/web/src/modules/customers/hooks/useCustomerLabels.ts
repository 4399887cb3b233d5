import { useTranslation } from 'react-i18next';
import { isCustomerKind, isCustomerStatus, isSizeBand, isSourceChannel } from '../labels.ts';

/**
 * Labels of the customer enums in the UI language. Unknown values (e.g. data imported before a
 * value was retired) are shown as they are.
 */
export function useCustomerLabels() {
  const { t } = useTranslation();
  const kind = (v: string | null | undefined) =>
    v && isCustomerKind(v) ? t(`customers.kind.${v}`) : (v ?? '');
  const status = (v: string | null | undefined) =>
    v && isCustomerStatus(v) ? t(`customers.status.${v}`) : (v ?? '');
  const sizeBand = (v: string | null | undefined) =>
    v && isSizeBand(v) ? t(`customers.sizeBand.${v}`) : (v ?? '');
  const source = (v: string | null | undefined) =>
    v && isSourceChannel(v) ? t(`customers.source.${v}`) : (v ?? '');
  /** The label of an option of a filter field (built-in enums are translated; custom options are text). */
  const option = (fieldKey: string, value: string): string => {
    switch (fieldKey) {
      case 'kind':
        return kind(value);
      case 'status':
        return status(value);
      case 'size_band':
        return sizeBand(value);
      case 'source':
        return source(value);
      default:
        return value;
    }
  };
  return { kind, status, sizeBand, source, option };
}
