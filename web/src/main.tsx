import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/AppRoot';
import { keepScrollRegionsFocusable } from './lib/a11y';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
keepScrollRegionsFocusable();
createRoot(container).render(
  <StrictMode>
    <AppRoot />
  </StrictMode>,
);
