import type { ReactNode } from 'react';
import {
  CommentOutlined,
  CustomerServiceOutlined,
  EditOutlined,
  FileProtectOutlined,
  MailOutlined,
  MessageOutlined,
  PayCircleOutlined,
  PhoneOutlined,
  ShoppingCartOutlined,
  SwapOutlined,
  TeamOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import type { Followup, TimelineEntry } from '@stratum/contracts';

export const FOLLOWUP_ICONS: Record<Followup['type'], ReactNode> = {
  call: <PhoneOutlined />,
  visit: <TeamOutlined />,
  wechat: <WechatOutlined />,
  email: <MailOutlined />,
  meeting: <CommentOutlined />,
  note: <EditOutlined />,
};

export const TIMELINE_ICONS: Record<TimelineEntry['kind'], ReactNode> = {
  followup: <MessageOutlined />,
  order: <ShoppingCartOutlined />,
  payment: <PayCircleOutlined />,
  ticket: <CustomerServiceOutlined />,
  contract: <FileProtectOutlined />,
  owner_change: <SwapOutlined />,
};
