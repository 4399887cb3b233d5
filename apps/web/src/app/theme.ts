import type { ThemeConfig } from 'antd';

/** System UI fonts first, then the common Simplified Chinese faces on macOS, Windows and Linux. */
export const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  'Roboto',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f6feb',
    colorInfo: '#1f6feb',
    fontFamily: FONT_FAMILY,
    borderRadius: 6,
    colorBgLayout: '#f5f7fa',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 24px', headerHeight: 56 },
    Menu: { itemBorderRadius: 6 },
    Table: { headerBg: '#fafbfc' },
  },
};
