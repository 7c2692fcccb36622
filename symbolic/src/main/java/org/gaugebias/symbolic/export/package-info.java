/**
 * Exports of a derivation that other tools load as code: {@link SympyExport} (a Python module
 * that rebuilds every result as SymPy expressions) and {@link ArrayApiExport} (array-API Python
 * that runs on NumPy arrays and PyTorch tensors: the bias, the stationary log-density, the
 * predictor map, the inverse map θ̃(β) and a balanced initialisation). Both read the typed
 * derivation ({@link ExportModel}), never printed text.
 */
package org.gaugebias.symbolic.export;
