import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { queryClient } from './api/query-client.ts';
import { AntdLocaleProvider } from './i18n/AntdLocaleProvider.tsx';
import { router } from './routing/router.tsx';

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AntdLocaleProvider>
        <RouterProvider router={router} />
      </AntdLocaleProvider>
    </QueryClientProvider>
  );
}
