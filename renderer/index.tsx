import './styles/app.css';
import { render } from 'preact';
import { findRolecallApi } from './api/rolecall-api';
import { App } from './app';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element.');
const api = findRolecallApi();
render(
  api === null ? (
    <div class="app app--loading">
      <div class="empty-state" role="alert">
        <h1 class="empty-state__title">Rolecall is not connected</h1>
        <p>This page only works inside the Rolecall app.</p>
      </div>
    </div>
  ) : (
    <App api={api} />
  ),
  root,
);
