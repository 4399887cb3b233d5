import { describeModuleI18n } from '../../../app/i18n/module-i18n.testkit.ts';
import zhCN from './zh-CN.ts';
import en from './en.ts';
import clvZh from './clv.zh-CN.ts';
import clvEn from './clv.en.ts';

describeModuleI18n('analytics', zhCN, en);
describeModuleI18n('clv', clvZh, clvEn);
