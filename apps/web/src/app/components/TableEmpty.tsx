import { Empty } from 'antd';

/** Table empty state: nothing while loading, otherwise a helpful sentence. */
export function tableEmpty(loading: boolean, description: string) {
  return loading ? (
    <div style={{ height: 120 }} />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />
  );
}
