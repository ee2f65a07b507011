// SPDX-License-Identifier: Apache-2.0
/**
 * Tribuo integration of NCL, novel class discovery with Neighborhood Contrastive Learning (Zhong, Fini, Roy, Luo,
 * Ricci, Sebe, "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021): {@link org.ncl.tribuo.NclTrainer}
 * (a {@code Trainer<Label>} whose unlabeled rows carry {@code LabelFactory.UNKNOWN_LABEL}), {@link org.ncl.tribuo.NclModel}
 * (known labels plus discovered {@code novel-k} labels, protobuf / Java serialization, ONNX export) and
 * {@link org.ncl.tribuo.NclEvaluator} (the core's evaluation protocol: known-class accuracy, Hungarian accuracy, NMI, ARI on
 * the novel classes, and task-agnostic scores on all rows) and {@link org.ncl.tribuo.OnnxExport} (one-call ONNX export
 * of a core model, graph from {@link org.ncl.tribuo.onnx}).
 */
package org.ncl.tribuo;
