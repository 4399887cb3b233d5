import type {
  Contact,
  Contract,
  CreateContactBody,
  CreateContractBody,
  CreateFollowupBody,
  CreateInvoiceBody,
  CreateOrderBody,
  CreatePaymentBody,
  CreateTicketBody,
  Customer,
  CustomField,
  Followup,
  Invoice,
  Order,
  Page,
  Payment,
  Product,
  Ticket,
  TimelineEntry,
  UpdateContactBody,
  UpdateContractBody,
  UpdateFollowupBody,
  UpdateInvoiceBody,
  UpdateOrderBody,
  UpdatePaymentBody,
  UpdateTicketBody,
} from '@stratum/contracts';
import { api } from '../../app/api/client.ts';
import type { ListParams } from '../../app/api/types.ts';

/** The record types that belong to a customer, by their URL segment. */
export interface RecordTypes {
  contacts: { view: Contact; create: CreateContactBody; update: UpdateContactBody };
  followups: { view: Followup; create: CreateFollowupBody; update: UpdateFollowupBody };
  orders: { view: Order; create: CreateOrderBody; update: UpdateOrderBody };
  contracts: { view: Contract; create: CreateContractBody; update: UpdateContractBody };
  payments: { view: Payment; create: CreatePaymentBody; update: UpdatePaymentBody };
  invoices: { view: Invoice; create: CreateInvoiceBody; update: UpdateInvoiceBody };
  tickets: { view: Ticket; create: CreateTicketBody; update: UpdateTicketBody };
}
export type RecordType = keyof RecordTypes;
export type RecordView<T extends RecordType> = RecordTypes[T]['view'];
/** A create body without `customerId` (the page adds it). */
export type RecordFields<T extends RecordType> = Omit<RecordTypes[T]['create'], 'customerId'>;

export interface ProductListParams extends ListParams {
  active?: 'true' | 'false';
}

export const recordsApi = {
  list: <T extends RecordType>(type: T, customerId: string, params: ListParams, signal?: AbortSignal) =>
    api.get<Page<RecordView<T>>>(`/customers/${customerId}/${type}`, { ...params }, signal),
  create: <T extends RecordType>(type: T, body: RecordTypes[T]['create']) =>
    api.post<RecordView<T>>(`/${type}`, body),
  update: <T extends RecordType>(type: T, id: string, body: RecordTypes[T]['update']) =>
    api.patch<RecordView<T>>(`/${type}/${id}`, body),
  remove: (type: RecordType, id: string) => api.delete(`/${type}/${id}`),
  timeline: (customerId: string, page: number, pageSize: number, signal?: AbortSignal) =>
    api.get<Page<TimelineEntry>>(`/customers/${customerId}/timeline`, { page, pageSize }, signal),
};

export const customerApi = {
  get: (id: string, signal?: AbortSignal) => api.get<Customer>(`/customers/${id}`, undefined, signal),
  remove: (id: string) => api.delete(`/customers/${id}`),
};

export const productsApi = {
  list: (params: ProductListParams, signal?: AbortSignal) =>
    api.get<Page<Product>>('/products', { ...params }, signal),
};

export const customFieldsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: CustomField[] }>('/custom-fields', undefined, signal),
};
