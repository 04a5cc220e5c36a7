import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dropzone/styles.css';
import './app.css';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setSessionProblemHandler } from './api/client';
import { keys, meQuery } from './api/hooks';
import { queryClient } from './api/queryClient';
import { I18nProvider } from './i18n';
import { router } from './router';
import { cssVariablesResolver, theme } from './theme';

setSessionProblemHandler((why) =>
  why === 'unauthenticated'
    ? queryClient.setQueryData(keys.me, null)
    : void queryClient.invalidateQueries({ queryKey: keys.me, exact: true }),
);
// Who is signed in decides every first screen: asked before React has drawn anything.
void queryClient.prefetchQuery(meQuery);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DirectionProvider>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <Notifications position="bottom-right" limit={3} />
        <QueryClientProvider client={queryClient}>
          <I18nProvider>
            <RouterProvider router={router} />
          </I18nProvider>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  </StrictMode>,
);
