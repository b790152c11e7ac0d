import { render } from 'preact';
import { App } from './App.tsx';
import './styles/theme.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/setup.css';
import './styles/admin.css';
import './styles/security.css';
import './styles/recovery-codes.css';

render(<App />, document.getElementById('app') as HTMLElement);
