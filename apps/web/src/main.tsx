import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadSession } from './app/App';

preloadSession();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
