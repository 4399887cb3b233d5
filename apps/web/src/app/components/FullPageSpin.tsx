import { Flex, Spin } from 'antd';

/** Centered spinner while the session or a lazily loaded page is on its way. */
export function FullPageSpin({ height = '100vh' }: { height?: number | string }) {
  return (
    <Flex align="center" justify="center" style={{ height, width: '100%' }} data-testid="loading">
      <Spin size="large" />
    </Flex>
  );
}
