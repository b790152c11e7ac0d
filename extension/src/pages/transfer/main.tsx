import { render } from 'preact';
import { applyDocumentLanguage } from '../../i18n/document-language.ts';
import { t } from '../../i18n/t.ts';
import { TransferPage } from './TransferPage.tsx';
import '../popup/popup.css';
import './transfer.css';

applyDocumentLanguage();
document.title = t('transferTitle');
const root = document.getElementById('app');
if (root) render(<TransferPage />, root);
