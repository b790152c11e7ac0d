import { render } from 'preact';
import { TransferPage } from './TransferPage.tsx';
import '../popup/popup.css';
import './transfer.css';

const root = document.getElementById('app');
if (root) render(<TransferPage />, root);
