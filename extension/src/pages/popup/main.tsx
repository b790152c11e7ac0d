import { render } from 'preact';
import { applyDocumentLanguage } from '../../i18n/document-language.ts';
import { t } from '../../i18n/t.ts';
import { App } from './App.tsx';
import './popup.css';

applyDocumentLanguage();
document.title = t('popupTitle');
const root = document.getElementById('app');
if (root) render(<App />, root);
