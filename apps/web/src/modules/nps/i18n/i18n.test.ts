import { describeModuleI18n } from '../../../app/i18n/module-i18n.testkit.ts';
import zhCN from './zh-CN.ts';
import en from './en.ts';

describeModuleI18n('nps', zhCN, en);
