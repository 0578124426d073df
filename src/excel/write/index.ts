// The form writers: the only code that writes xlsx. Forms with dropdowns (template, 计分标准,
// 积分申请表, 问题清单) are exceljs Workbooks saved with saveWorkbook; the large results (评分汇总表,
// 评定结果, 公示名单) are lean Books (src/excel/lean) saved with saveBook. Both: temp file + rename,
// no overwrite without force.
export { ledgerTemplate, SHEET as LEDGER_SHEETS, type LedgerTemplateOptions } from './template.js';
export { scoringStandard } from './standard.js';
export { applicationForm, APPLICATION_SHEET, type ApplicationFormOptions } from './application.js';
export { summarySheet, branchTitle, starsText, flagText, type SummaryOptions } from './summary.js';
export { gradeWorkbook, OVERVIEW_SHEET, ATTENTION_SHEET, type ExcludedLedger, type GradeWorkbookOptions } from './results.js';
export { publicationList, publicationWindow, committeeName, type PublicationOptions } from './publication.js';
export { saveWorkbook, type SaveOptions, type SaveResult } from './save.js';
export { freeName, safeName, uniqueName, uniqueNames, SHEET_NAME_MAX, type SafeNameOptions } from './names.js';
export { LISTS_SHEET } from './validation.js';
