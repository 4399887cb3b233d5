import type { ReactNode } from 'react';
import { Avatar, Card, Col, Descriptions, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { CheckCircleOutlined, ContactsOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePermissions, useSession } from '../../modules/auth/session.ts';
import { RoleTag } from '../../modules/users/components/RoleTag.tsx';
import { useUserList } from '../../modules/users/hooks/useUsers.ts';
import { useTeamList } from '../../modules/teams/hooks/useTeams.ts';
import { FollowupsDueCard } from '../../modules/customers/components/FollowupsDueCard.tsx';
import { useCustomerList } from '../../modules/customers/hooks/useCustomers.ts';

function StatCard(props: {
  title: string;
  value?: number;
  loading: boolean;
  /** The count could not be loaded. */
  error?: boolean;
  icon: ReactNode;
  to: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card
      data-testid={props.testId}
      extra={<Link to={props.to}>{t('home.viewAll')}</Link>}
      title={props.title}
    >
      {props.loading && !props.error ? (
        <Skeleton.Input active size="small" />
      ) : props.error ? (
        <Typography.Text type="danger">{t('errors.loadFailed')}</Typography.Text>
      ) : (
        <Statistic value={props.value ?? 0} prefix={props.icon} valueStyle={{ color: '#1f6feb' }} />
      )}
    </Card>
  );
}

/** Workspace home: who you are, and counts from the lists you may read (real totals only). */
export default function HomePage() {
  const { t } = useTranslation();
  const me = useSession();
  const can = usePermissions();
  const canUsers = can('users.read');
  const canTeams = can('teams.read');
  // The lists' `total` is all we need: ask for one row.
  const users = useUserList({ page: 1, pageSize: 1 }, canUsers);
  const activeUsers = useUserList({ page: 1, pageSize: 1, status: 'active' }, canUsers);
  const teams = useTeamList({ page: 1, pageSize: 1 }, canTeams);
  const canCustomers = can('customers.read');
  const myCustomers = useCustomerList({ page: 1, pageSize: 1, ownerId: 'me' }, canCustomers);

  return (
    <>
      <PageHeader title={t('home.title')} documentTitle={t('app.title')} />
      <Card style={{ marginBottom: 24 }} data-testid="home-welcome">
        <Flex gap={20} align="center" wrap>
          <Avatar size={64} style={{ backgroundColor: '#1f6feb', fontSize: 28 }}>
            {me.user.name.slice(0, 1).toUpperCase()}
          </Avatar>
          <Flex vertical gap={4} style={{ flex: 1, minWidth: 240 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('home.welcome', { name: me.user.name })}
            </Typography.Title>
            <Typography.Text type="secondary">{t('home.intro')}</Typography.Text>
          </Flex>
        </Flex>
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 24 }} size="small">
          <Descriptions.Item label={t('home.role')}>
            <RoleTag role={me.user.role} />
          </Descriptions.Item>
          <Descriptions.Item label={t('home.team')}>
            {me.user.teamName ?? <Typography.Text type="secondary">{t('home.noTeam')}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.email')}>{me.user.email}</Descriptions.Item>
          <Descriptions.Item label={t('home.workspace')}>{me.workspace.name}</Descriptions.Item>
        </Descriptions>
      </Card>
      {canCustomers && (
        <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
          <Col xs={24} lg={16}>
            <FollowupsDueCard />
          </Col>
          <Col xs={24} lg={8}>
            <StatCard
              title={t('home.myCustomers')}
              value={myCustomers.data?.total}
              loading={myCustomers.isPending}
              error={myCustomers.isError}
              icon={<ContactsOutlined />}
              to="/customers"
              testId="home-my-customers-count"
            />
          </Col>
        </Row>
      )}
      {(canUsers || canTeams) && (
        <>
          <Typography.Title level={5}>{t('home.overview')}</Typography.Title>
          <Row gutter={[16, 16]}>
            {canUsers && (
              <Col xs={24} sm={12} lg={8}>
                <StatCard
                  title={t('home.users')}
                  value={users.data?.total}
                  loading={users.isPending}
                  icon={<UserOutlined />}
                  to="/settings/users"
                  testId="home-users-count"
                />
              </Col>
            )}
            {canUsers && (
              <Col xs={24} sm={12} lg={8}>
                <StatCard
                  title={t('home.activeUsers')}
                  value={activeUsers.data?.total}
                  loading={activeUsers.isPending}
                  icon={<CheckCircleOutlined />}
                  to="/settings/users"
                  testId="home-active-users-count"
                />
              </Col>
            )}
            {canTeams && (
              <Col xs={24} sm={12} lg={8}>
                <StatCard
                  title={t('home.teams')}
                  value={teams.data?.total}
                  loading={teams.isPending}
                  icon={<TeamOutlined />}
                  to="/settings/teams"
                  testId="home-teams-count"
                />
              </Col>
            )}
          </Row>
        </>
      )}
    </>
  );
}
