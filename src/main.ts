import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { languagesFromPage } from './i18n/locale.svelte';

// Languages a hosting page supplies, and `?lang=`, are read before the first render.
languagesFromPage(window as Window & { __carteraLanguages?: unknown });

mount(App, { target: document.getElementById('app')! });
