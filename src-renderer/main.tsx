import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToFanout } from './api/connect';
import { ApiProvider } from './app/api-context';
import { App } from './app/App';
import { MissingTokenPage } from './app/MissingTokenPage';
import './styles.css';

const connection = connectToFanout();
const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

createRoot(container).render(
  <StrictMode>
    {connection.ok ? (
      <ApiProvider client={connection.client}>
        <App />
      </ApiProvider>
    ) : (
      <MissingTokenPage />
    )}
  </StrictMode>,
);
