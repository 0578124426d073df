// What every printed sheet carries, in both writers: the page-number footer.
/** Centred footer 「第 1 页，共 3 页」 (Excel header/footer codes: &C centre, &P page, &N pages). */
export const PAGE_FOOTER = '&C第 &P 页，共 &N 页';
