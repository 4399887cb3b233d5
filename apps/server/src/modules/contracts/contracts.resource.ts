import { Contract, CreateContractBody, UpdateContractBody } from '@stratum/contracts';
import { contracts } from '../../db/schema.ts';
import { isoNotNull, money } from '../../db/raw.ts';
import { defineChild, detachReferences } from '../customers/child-resource.ts';

export const contractsResource = defineChild<Contract>({
  entity: 'contract',
  path: 'contracts',
  table: contracts,
  select: `x.id, x.customer_id, c.name AS customer_name, x.contract_no, x.title, x.amount, x.signed_on::text AS signed_on,
    x.starts_on::text AS starts_on, x.ends_on::text AS ends_on, x.status, x.notes, x.created_at, x.updated_at, x.version,
    (SELECT COALESCE(sum(p.amount), 0) FROM payments p WHERE p.workspace_id = x.workspace_id AND p.contract_id = x.id
       AND p.received_at IS NOT NULL) AS received_amount`,
  toView: (r) => ({
    id: String(r.id),
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    contractNo: String(r.contract_no),
    title: String(r.title),
    amount: money(r.amount),
    signedOn: (r.signed_on as string | null) ?? null,
    startsOn: (r.starts_on as string | null) ?? null,
    endsOn: (r.ends_on as string | null) ?? null,
    status: r.status as Contract['status'],
    notes: (r.notes as string | null) ?? null,
    receivedAmount: money(r.received_amount),
    createdAt: isoNotNull(r.created_at),
    updatedAt: isoNotNull(r.updated_at),
    version: Number(r.version),
  }),
  view: Contract,
  create: CreateContractBody,
  update: UpdateContractBody,
  sorts: {
    signedOn: 'x.signed_on',
    amount: 'x.amount',
    contractNo: 'x.contract_no',
    endsOn: 'x.ends_on',
    customerName: 'c.name',
  },
  defaultSort: 'x.signed_on DESC NULLS LAST',
  search: ['x.contract_no', 'x.title', 'c.name'],
  unique: { contracts_contract_no_key: 'contractNo' },
  beforeDelete: detachReferences([
    ['payments', 'contract_id'],
    ['invoices', 'contract_id'],
  ]),
});
