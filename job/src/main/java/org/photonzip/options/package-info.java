/**
 * What the command line asked for, parsed and checked before any work, in types the jobs take: the error or
 * noise bound ({@code BoundRequest}), the model ({@code ModelChoice}) and the refusal of a choice this runtime
 * cannot honour ({@code TensorFlowCheck}). The jobs ({@code spark}) and the commands ({@code cli}) both use it,
 * so it cannot live in {@code cli}, which nothing may use.
 */
package org.photonzip.options;
