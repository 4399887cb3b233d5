import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Result, Skeleton, Tabs } from 'antd';
import {
  ContactsOutlined,
  CustomerServiceOutlined,
  FieldTimeOutlined,
  MessageOutlined,
  ProfileOutlined,
  ShoppingCartOutlined,
  AccountBookOutlined,
  FundProjectionScreenOutlined,
} from '@ant-design/icons';
import type { Customer } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../app/api/errors.ts';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { useDocumentTitle } from '../../../app/hooks/useDocumentTitle.ts';
import { usePermissions, useSession } from '../../auth/session.ts';
import { CustomerFormModal } from '../../customers/components/CustomerFormModal.tsx';
import { CustomerOpportunitiesSection } from '../../pipeline/components/CustomerOpportunitiesSection.tsx';
import { ClvCustomerCard } from '../../analytics/components/ClvCustomerCard.tsx';
import { ClassificationCard } from '../../segmentation/components/ClassificationCard.tsx';
import { NpsCustomerCard } from '../../nps/components/NpsCustomerCard.tsx';
import {
  useCustomer,
  useDeleteCustomer,
  useForgetCustomer,
  useInvalidateCustomer,
} from '../hooks/useRecords.ts';
import { ContactsSection } from './ContactsSection.tsx';
import { CustomerHeader } from './CustomerHeader.tsx';
import { DetailsSection } from './DetailsSection.tsx';
import { FinanceSection } from './FinanceSection.tsx';
import { FollowupsSection } from './FollowupsSection.tsx';
import { OrdersSection } from './OrdersSection.tsx';
import { QuickFollowupModal } from './QuickFollowupModal.tsx';
import { TicketsSection } from './TicketsSection.tsx';
import { TimelineSection } from './TimelineSection.tsx';
import '../records.css';

const TABS = [
  'timeline',
  'contacts',
  'followups',
  'orders',
  'opportunities',
  'finance',
  'tickets',
  'details',
] as const;
type TabKey = (typeof TABS)[number];
const isTab = (value: string | null): value is TabKey => TABS.includes(value as TabKey);

/** 404 / 403 / bad id: a full-page explanation with the way back to the list. */
function Unavailable({ forbidden }: { forbidden: boolean }) {
  const { t } = useTranslation();
  useDocumentTitle(forbidden ? t('records.detail.forbidden') : t('records.detail.notFound'));
  return (
    <div data-testid={forbidden ? 'customer-forbidden' : 'customer-not-found'}>
      <Result
        status={forbidden ? '403' : '404'}
        title={
          <span data-testid="page-title">
            {forbidden ? t('records.detail.forbidden') : t('records.detail.notFound')}
          </span>
        }
        subTitle={forbidden ? t('records.detail.forbiddenHint') : t('records.detail.notFoundHint')}
        extra={
          <Link to="/customers" data-testid="customer-back-to-list">
            <Button type="primary">{t('records.detail.backToList')}</Button>
          </Link>
        }
      />
    </div>
  );
}

/**
 * Whether the signed-in user may change this customer: the API's rule (customer-scope.ts) as far as
 * the page can tell — writers may edit what they see, except that a rep edits only their own customers
 * (the pool is read-only for them). The API stays the authority; a 403 still shows its message.
 */
function useCanEdit(customer: Customer | undefined): boolean {
  const me = useSession();
  const can = usePermissions();
  if (!customer || !can('customers.write')) return false;
  return me.user.role !== 'rep' || customer.ownerId === me.user.id;
}

/** 客户 360°: who the customer is, what they bought and paid, every contact with them, and their tickets. */
export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const can = usePermissions();
  const customerQuery = useCustomer(id);
  const customer = customerQuery.data;
  const canEdit = useCanEdit(customer);
  const canDelete = canEdit && can('customers.delete');
  const remove = useDeleteCustomer();
  const forget = useForgetCustomer();
  const invalidate = useInvalidateCustomer();
  const handleError = useApiErrorHandler();
  const [followupFor, setFollowupFor] = useState<{ id: string; name: string } | null>(null);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(customer?.name ?? t('records.detail.title'));

  const tabParam = searchParams.get('tab');
  const activeTab: TabKey = isTab(tabParam) ? tabParam : 'timeline';
  const setTab = (key: string) =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (key === 'timeline') next.delete('tab');
        else next.set('tab', key);
        return next;
      },
      { replace: true },
    );

  const error = customerQuery.error;
  if (isApiError(error) && [400, 404].includes(error.status)) return <Unavailable forbidden={false} />;
  if (isApiError(error) && error.status === 403) return <Unavailable forbidden />;

  const breadcrumb = (
    <Breadcrumb
      className="customer-breadcrumb"
      items={[
        { title: <Link to="/customers">{t('records.detail.back')}</Link> },
        { title: customer?.name ?? t('records.detail.title') },
      ]}
    />
  );

  if (!customer) {
    return (
      <div data-testid="customer-detail">
        {breadcrumb}
        <QueryErrorAlert error={error} onRetry={() => void customerQuery.refetch()} />
        {!error && (
          <Card data-testid="loading">
            <Skeleton avatar active paragraph={{ rows: 4 }} />
          </Card>
        )}
      </div>
    );
  }

  const onDelete = () =>
    remove.mutate(customer.id, {
      onSuccess: () => {
        void message.success(t('records.detail.deleted'));
        void Promise.resolve(navigate('/customers')).then(() => forget(customer.id));
      },
      onError: (err) => handleError(err),
    });

  const openFollowup = () => setFollowupFor({ id: customer.id, name: customer.name });

  const tabItems = [
    {
      key: 'timeline',
      icon: <FieldTimeOutlined />,
      label: t('records.tabs.timeline'),
      children: <TimelineSection customerId={customer.id} />,
    },
    {
      key: 'contacts',
      icon: <ContactsOutlined />,
      label: t('records.tabs.contacts'),
      children: <ContactsSection customer={customer} canEdit={canEdit} />,
    },
    {
      key: 'followups',
      icon: <MessageOutlined />,
      label: t('records.tabs.followups'),
      children: <FollowupsSection customer={customer} canEdit={canEdit} onAdd={openFollowup} />,
    },
    {
      key: 'orders',
      icon: <ShoppingCartOutlined />,
      label: t('records.tabs.orders'),
      children: <OrdersSection customer={customer} canEdit={canEdit} />,
    },
    {
      key: 'opportunities',
      icon: <FundProjectionScreenOutlined />,
      label: t('pipeline.customer.tab'),
      children: <CustomerOpportunitiesSection customer={customer} canEdit={canEdit} />,
    },
    {
      key: 'finance',
      icon: <AccountBookOutlined />,
      label: t('records.tabs.finance'),
      children: <FinanceSection customer={customer} canEdit={canEdit} />,
    },
    {
      key: 'tickets',
      icon: <CustomerServiceOutlined />,
      label: t('records.tabs.tickets'),
      children: <TicketsSection customer={customer} canEdit={canEdit} />,
    },
    {
      key: 'details',
      icon: <ProfileOutlined />,
      label: t('records.tabs.details'),
      children: <DetailsSection customer={customer} />,
    },
  ];

  return (
    <div data-testid="customer-detail">
      {breadcrumb}
      {/* A refetch that failed while the last good copy is shown. */}
      <QueryErrorAlert error={error} onRetry={() => void customerQuery.refetch()} />
      <CustomerHeader
        customer={customer}
        canEdit={canEdit}
        canDelete={canDelete}
        deleting={remove.isPending}
        onAddFollowup={openFollowup}
        onEdit={() => setEditing(true)}
        onDelete={onDelete}
      />
      {!canEdit && (
        <Alert
          type="info"
          showIcon
          className="customer-readonly"
          message={
            customer.ownerId === null && can('customers.write')
              ? t('records.detail.readOnlyPool')
              : t('records.detail.readOnly')
          }
          data-testid="customer-readonly"
        />
      )}
      <ClassificationCard customerId={customer.id} canEdit={canEdit} />
      <ClvCustomerCard customerId={customer.id} />
      <NpsCustomerCard customerId={customer.id} canEdit={canEdit} />
      <Card className="customer-tabs-card">
        <Tabs
          activeKey={activeTab}
          onChange={setTab}
          items={tabItems}
          className="customer-tabs"
          data-testid="customer-tabs"
        />
      </Card>
      <QuickFollowupModal customer={followupFor} onClose={() => setFollowupFor(null)} />
      <CustomerFormModal
        open={editing}
        customer={customer}
        onClose={() => setEditing(false)}
        onSaved={() => invalidate(customer.id)}
      />
    </div>
  );
}

export default CustomerDetailPage;
