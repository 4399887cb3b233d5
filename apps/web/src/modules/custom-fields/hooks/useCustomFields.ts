import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateCustomFieldBody } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@stratum/contracts';
import { customFieldsApi } from '../api.ts';

export const CUSTOM_FIELDS_KEY = ['custom-fields'] as const;

/** The workspace's custom customer fields, in display order. */
export function useCustomFields(enabled = true) {
  return useQuery({
    queryKey: CUSTOM_FIELDS_KEY,
    queryFn: ({ signal }) => customFieldsApi.list(signal),
    enabled,
  });
}

/** A custom field's label in the UI language. */
export function useCustomFieldLabel(): (field: Pick<CustomField, 'labelZh' | 'labelEn'>) => string {
  const { i18n } = useTranslation();
  return (field) => (i18n.language === 'en' ? field.labelEn : field.labelZh);
}

/** Custom fields feed the filter fields and the customer list's columns too. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: CUSTOM_FIELDS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
  };
}

export function useCreateCustomField() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: customFieldsApi.create, onSuccess: invalidate });
}

export function useUpdateCustomField() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCustomFieldBody }) =>
      customFieldsApi.update(id, body),
    onSettled: invalidate,
  });
}

export function useDeleteCustomField() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: customFieldsApi.remove, onSettled: invalidate });
}
