/**
 * Exports of a derivation that other tools load as code: {@link SympyExport} (a Python module
 * that rebuilds every result as SymPy expressions) and {@link ArrayApiExport} (array-API Python
 * that runs on NumPy arrays and PyTorch tensors: the bias, the stationary log-density, the
 * predictor map, the inverse map θ̃(β) and a balanced initialisation). Both read the typed
 * derivation ({@link ExportModel}), never printed text. A derivation for every n
 * ({@link SizedExportModel}) exports with n symbolic ({@link SizedSympyExport}) or taken from
 * the arrays ({@link SizedArrayApiExport}); a predictor built from a named transform exports by
 * operator ({@link OperatorForm}); a spectral predictor is computed numerically.
 */
package org.gaugebias.symbolic.export;
