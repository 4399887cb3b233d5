import dayjs from 'dayjs';

/** `2025-03-01 14:05` in the browser's time zone; empty for null. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '';
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '';
}

export function isPast(value: string | null | undefined): boolean {
  return !!value && dayjs(value).isBefore(dayjs());
}
