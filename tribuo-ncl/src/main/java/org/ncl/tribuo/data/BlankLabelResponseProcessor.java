// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.columnar.ResponseProcessor;

/**
 * A response processor for novel class discovery (Zhong et al., "Neighborhood Contrastive Learning for Novel
 * Class Discovery", CVPR 2021): a non-blank cell of the label column is a known label (trimmed), a blank (or
 * missing) cell means "unlabeled". With a columnar data source built with {@code outputRequired = false} the
 * unlabeled rows become examples with {@link LabelFactory#UNKNOWN_LABEL}, the input {@link org.ncl.tribuo.NclTrainer}
 * expects. (Tribuo's {@code FieldResponseProcessor} turns a blank cell into a label named "" or drops the row.)
 */
public final class BlankLabelResponseProcessor implements ResponseProcessor<Label> {

    @Config(mandatory = true, description = "The label column; blank cells mean unlabeled.")
    private String fieldName;

    private final LabelFactory factory = new LabelFactory();

    /** For OLCUT. */
    private BlankLabelResponseProcessor() {}

    /**
     * A processor reading {@code fieldName}.
     *
     * @param fieldName the label column
     */
    public BlankLabelResponseProcessor(String fieldName) {
        this.fieldName = fieldName;
        postConfig();
    }

    @Override
    public void postConfig() {
        if (fieldName == null || fieldName.isBlank()) {
            throw new PropertyException("", "fieldName", "fieldName must name the label column");
        }
    }

    @Override
    public OutputFactory<Label> getOutputFactory() {
        return factory;
    }

    @Deprecated
    @Override
    public String getFieldName() {
        return fieldName;
    }

    @Deprecated
    @Override
    public void setFieldName(String fieldName) {
        this.fieldName = fieldName;
    }

    @Deprecated
    @Override
    public Optional<Label> process(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Label(value.trim()));
    }

    @Override
    public List<String> getFieldNames() {
        return Collections.singletonList(fieldName);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "ResponseProcessor");
    }

    @Override
    public String toString() {
        return "BlankLabelResponseProcessor(fieldName=" + fieldName + ")";
    }
}
