import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { NETWORK_ERROR, UNEXPECTED_RESPONSE, isApiError, validationIssues } from '../api/errors.ts';

/** The user-facing text of an error: the server's localised message, or ours for transport failures. */
export function useErrorText(): (err: unknown) => string {
  const { t } = useTranslation();
  return (err) => {
    if (isApiError(err)) {
      if (err.code === NETWORK_ERROR) return t('errors.network');
      if (err.code === UNEXPECTED_RESPONSE || !err.message)
        return t('errors.unexpected', { status: err.status });
      return err.message;
    }
    return t('errors.generic');
  };
}

export interface ApiErrorOptions {
  /** Put validation errors (and the mapped codes below) on this form's fields. */
  form?: FormInstance;
  /** Error codes that belong to one field, e.g. `{ EMAIL_TAKEN: 'email' }`. */
  fieldCodes?: Record<string, string>;
}

/**
 * Shows an API error: `VALIDATION_FAILED` issues go onto the matching form fields, anything else
 * (or issues without a matching field) becomes an antd message with the server's text.
 */
export function useApiErrorHandler(): (err: unknown, options?: ApiErrorOptions) => void {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return (err, options = {}) => {
    const { form, fieldCodes } = options;
    if (form && isApiError(err)) {
      const registered = Object.keys(form.getFieldsValue() as Record<string, unknown>);
      const field = fieldCodes?.[err.code];
      if (field && registered.includes(field)) {
        form.setFields([{ name: field, errors: [err.message] }]);
        return;
      }
      const issues = validationIssues(err);
      if (issues.length > 0) {
        const onFields = issues.filter((i) => i.name.length > 0 && registered.includes(String(i.name[0])));
        if (onFields.length > 0) form.setFields(onFields.map((i) => ({ name: i.name, errors: [i.message] })));
        const rest = issues.filter((i) => !onFields.includes(i));
        if (rest.length > 0) void message.error(rest.map((i) => i.message).join('; ') || errorText(err));
        return;
      }
    }
    void message.error(errorText(err));
  };
}
