// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the names of core classes that have moved since a model was saved, wherever they occur as text in a
 * protobuf message (provenance stores the class of every enum-valued setting), so that models saved by earlier
 * versions keep loading.
 */
final class MovedClassNames {

    /** Old binary name prefix to new one: the option enums moved from nested classes of the core's NclOptions. */
    private static final Map<String, String> MOVED = Map.of(
            "org.ncl.core.NclOptions$", "org.ncl.core.options.",
            "org.ncl.core.loss.contrastive.ContrastiveStrategy", "org.ncl.core.options.ContrastiveStrategy",
            "org.ncl.core.loss.contrastive.FalseNegativeHandling", "org.ncl.core.options.FalseNegativeHandling");

    private MovedClassNames() {}

    /** The message with every moved class name replaced. */
    @SuppressWarnings("unchecked")
    static <M extends Message> M rewrite(M message) {
        Message.Builder b = message.toBuilder();
        boolean changed = false;
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor field = e.getKey();
            if (field.isRepeated()) {
                List<?> values = (List<?>) e.getValue();
                for (int i = 0; i < values.size(); i++) {
                    Object updated = rewriteValue(values.get(i));
                    if (updated != values.get(i)) {
                        b.setRepeatedField(field, i, updated);
                        changed = true;
                    }
                }
            } else {
                Object updated = rewriteValue(e.getValue());
                if (updated != e.getValue()) {
                    b.setField(field, updated);
                    changed = true;
                }
            }
        }
        return changed ? (M) b.build() : message;
    }

    private static Object rewriteValue(Object value) {
        if (value instanceof Message m) {
            Message r = rewrite(m);
            return r == m ? value : r;
        }
        if (value instanceof String s) {
            for (Map.Entry<String, String> e : MOVED.entrySet()) {
                if (s.startsWith(e.getKey())) {
                    return e.getValue() + s.substring(e.getKey().length());
                }
            }
        }
        return value;
    }
}
