import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { keepAppAvailableOffline } from './platform/offline-app';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// No <StrictMode>: its double-run of effects would open the local database twice at start-up.
createRoot(root).render(<App />);
keepAppAvailableOffline();
