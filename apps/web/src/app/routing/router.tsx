import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from '../layout/AppLayout.tsx';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { RouteErrorPage } from '../pages/RouteErrorPage.tsx';
import NotFoundPage from '../pages/NotFoundPage.tsx';
import { GuestOnly, RequireAuth, RequirePermission, SetupOnly } from './guards.tsx';

// Pages are code-split: each loads when first visited.
const LoginPage = lazy(() => import('../../modules/auth/components/LoginPage.tsx'));
const SetupPage = lazy(() => import('../../modules/auth/components/SetupPage.tsx'));
const HomePage = lazy(() => import('../pages/HomePage.tsx'));
const UsersPage = lazy(() => import('../../modules/users/components/UsersPage.tsx'));
const TeamsPage = lazy(() => import('../../modules/teams/components/TeamsPage.tsx'));
const ApiKeysPage = lazy(() => import('../../modules/api-keys/components/ApiKeysPage.tsx'));
const AuditLogPage = lazy(() => import('../../modules/audit/components/AuditLogPage.tsx'));
const CustomersPage = lazy(() => import('../../modules/customers/components/CustomersPage.tsx'));
const RecycleBinPage = lazy(() => import('../../modules/customers/components/RecycleBinPage.tsx'));
const CustomerDetailPage = lazy(() =>
  import('../../modules/records/components/CustomerDetailPage.tsx').then((m) => ({
    default: m.CustomerDetailPage,
  })),
);
const ProductsPage = lazy(() => import('../../modules/products/components/ProductsPage.tsx'));
const RfmDashboardPage = lazy(() => import('../../modules/segmentation/components/RfmDashboardPage.tsx'));
const SchemesPage = lazy(() => import('../../modules/segmentation/components/SchemesPage.tsx'));
const MigrationPage = lazy(() => import('../../modules/segmentation/components/MigrationPage.tsx'));
const TagsPage = lazy(() => import('../../modules/segmentation/components/TagsPage.tsx'));
const SegmentsPage = lazy(() => import('../../modules/segmentation/components/SegmentsPage.tsx'));
const SegmentPage = lazy(() => import('../../modules/segmentation/components/SegmentPage.tsx'));
const ImportPage = lazy(() => import('../../modules/imports/components/ImportPage.tsx'));
const CustomFieldsPage = lazy(() => import('../../modules/custom-fields/components/CustomFieldsPage.tsx'));
const PipelineBoardPage = lazy(() => import('../../modules/pipeline/components/PipelineBoardPage.tsx'));
const FunnelDashboardPage = lazy(() => import('../../modules/pipeline/components/FunnelDashboardPage.tsx'));
const PipelineSettingsPage = lazy(() => import('../../modules/pipeline/components/PipelineSettingsPage.tsx'));
const DashboardsPage = lazy(() => import('../../modules/analytics/components/DashboardsPage.tsx'));
const ClvPage = lazy(() => import('../../modules/analytics/components/ClvPage.tsx'));
const ClustersPage = lazy(() => import('../../modules/analytics/components/ClustersPage.tsx'));
const NpsPage = lazy(() => import('../../modules/nps/components/NpsPage.tsx'));
const PublicSurveyPage = lazy(() => import('../../modules/nps/components/PublicSurveyPage.tsx'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: '/setup',
        element: (
          <SetupOnly>
            <Page>
              <SetupPage />
            </Page>
          </SetupOnly>
        ),
      },
      {
        // The public NPS survey page: no sign-in, outside the app's layout.
        path: '/s/:token',
        element: (
          <Page>
            <PublicSurveyPage />
          </Page>
        ),
      },
      {
        path: '/login',
        element: (
          <GuestOnly>
            <Page>
              <LoginPage />
            </Page>
          </GuestOnly>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'customers',
            element: (
              <RequirePermission permission="customers.read">
                <CustomersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'customers/recycle-bin',
            element: (
              <RequirePermission permission="customers.delete">
                <RecycleBinPage />
              </RequirePermission>
            ),
          },
          {
            path: 'customers/import',
            element: (
              <RequirePermission permission="customers.write">
                <ImportPage />
              </RequirePermission>
            ),
          },
          {
            path: 'customers/:id',
            element: (
              <RequirePermission permission="customers.read">
                <CustomerDetailPage />
              </RequirePermission>
            ),
          },
          {
            path: 'products',
            element: (
              <RequirePermission permission="customers.read">
                <ProductsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'pipeline',
            element: (
              <RequirePermission permission="customers.read">
                <PipelineBoardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'pipeline/funnel',
            element: (
              <RequirePermission permission="customers.read">
                <FunnelDashboardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'settings/pipelines',
            element: (
              <RequirePermission permission="pipeline.manage">
                <PipelineSettingsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'segmentation/rfm',
            element: (
              <RequirePermission permission="customers.read">
                <RfmDashboardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'segmentation/schemes',
            element: (
              <RequirePermission permission="customers.read">
                <SchemesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'analytics',
            element: (
              <RequirePermission permission="customers.read">
                <DashboardsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'analytics/clv',
            element: (
              <RequirePermission permission="customers.read">
                <ClvPage />
              </RequirePermission>
            ),
          },
          {
            path: 'analytics/clusters',
            element: (
              <RequirePermission permission="customers.read">
                <ClustersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'analytics/nps',
            element: (
              <RequirePermission permission="customers.read">
                <NpsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'segmentation/migration',
            element: (
              <RequirePermission permission="customers.read">
                <MigrationPage />
              </RequirePermission>
            ),
          },
          {
            path: 'segmentation/tags',
            element: (
              <RequirePermission permission="customers.read">
                <TagsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'segmentation/segments',
            element: (
              <RequirePermission permission="customers.read">
                <SegmentsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'segmentation/segments/new',
            element: (
              <RequirePermission permission="segments.manage">
                <SegmentPage />
              </RequirePermission>
            ),
          },
          {
            path: 'segmentation/segments/:id',
            element: (
              <RequirePermission permission="customers.read">
                <SegmentPage />
              </RequirePermission>
            ),
          },
          {
            path: 'settings/users',
            element: (
              <RequirePermission permission="users.read">
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'settings/teams',
            element: (
              <RequirePermission permission="teams.read">
                <TeamsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'settings/custom-fields',
            element: (
              <RequirePermission permission="customFields.manage">
                <CustomFieldsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'settings/api-keys',
            element: (
              <RequirePermission permission="apiKeys.manage">
                <ApiKeysPage />
              </RequirePermission>
            ),
          },
          {
            path: 'settings/audit-log',
            element: (
              <RequirePermission permission="audit.read">
                <AuditLogPage />
              </RequirePermission>
            ),
          },
        ],
      },
      {
        path: '*',
        element: <NotFoundPage />,
      },
    ],
  },
]);
