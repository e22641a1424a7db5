// The landing page at "/": what the hub is, and a link to each role's page.
import { setUpLanguage } from "../i18n/i18n.js";

setUpLanguage();
